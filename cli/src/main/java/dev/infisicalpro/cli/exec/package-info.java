/**
 * {@code exec-provider}: OpenClaw's exec secret-provider protocol
 * ({@link dev.infisicalpro.cli.exec.ExecProtocol}) answered with one list request per environment and
 * folder ({@link dev.infisicalpro.cli.exec.BatchResolver}).
 *
 * <pre>{@code
 * SecretId id = SecretId.parse("prod:/app/DB_PASSWORD");
 * }</pre>
 */
package dev.infisicalpro.cli.exec;
