/**
 * Implementation details of the Spring adapter. Not API: anything here may change in any release.
 */
package dev.infisicalpro.spring.internal;
