/**
 * Implementation of the client: not API, may change in any release. One concern per class:
 * {@code Transport} (HTTP, retries, re-login, error mapping via {@code ErrorMapper}),
 * {@code TokenManager} (login, renew), {@code ApiPaths} (every endpoint and parameter name),
 * {@code Json} (the only class importing Jackson), {@code ScopeGuard} (service-token scopes),
 * {@code HttpSecrets}/{@code HttpFolders} (operations), {@code ResponseCache}.
 */
package dev.infisicalpro.internal;
