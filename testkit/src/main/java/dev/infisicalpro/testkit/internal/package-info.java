/**
 * Server internals of FakeInfisical (HTTP plumbing, state, endpoint logic). Not API: anything here
 * may change in any release.
 */
package dev.infisicalpro.testkit.internal;
