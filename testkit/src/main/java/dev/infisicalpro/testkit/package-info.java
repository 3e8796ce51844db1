/**
 * FakeInfisical: an in-memory Infisical server for tests and local development.
 *
 * <p>Entry points: {@link dev.infisicalpro.testkit.FakeInfisical} (server, seeding, clock, faults,
 * journal), {@link dev.infisicalpro.testkit.FakeProject} (per-project seeding) and
 * {@link dev.infisicalpro.testkit.FakeInfisicalExtension} (JUnit 5). It does not depend on the
 * Infisical Pro core module; its only runtime dependency is Jackson.
 *
 * <pre>{@code
 * @RegisterExtension
 * static FakeInfisicalExtension infisical = FakeInfisicalExtension.withSeed(f ->
 *         f.createProject("demo").putSecret("dev", "/", "DB_PASSWORD", "s3cret"));
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.testkit;

import org.jspecify.annotations.NullMarked;
