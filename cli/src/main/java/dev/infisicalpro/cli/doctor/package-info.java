/**
 * {@code infisical-pro doctor}: seven checks of a setup against the live server (host, auth, project,
 * folders, service-token scope, imports, rate limits and clock), each with the fix for what it finds.
 *
 * <pre>{@code
 * infisical-pro doctor --host-api https://infisical.example.com/api --env prod --path /app
 * }</pre>
 */
package dev.infisicalpro.cli.doctor;
