/**
 * Quarkus integration that needs Quarkus APIs at compile time (provided): the
 * {@link dev.infisicalpro.microprofile.quarkus.InfisicalCredentialsProvider} for live datasource
 * credentials. Nothing here loads unless a Quarkus app indexes this jar.
 *
 * <pre>{@code
 * quarkus.index-dependency.infisical.group-id=dev.infisicalpro
 * quarkus.index-dependency.infisical.artifact-id=infisical-pro-microprofile
 * quarkus.datasource.credentials-provider=infisical
 * }</pre>
 */
@NullMarked
package dev.infisicalpro.microprofile.quarkus;

import org.jspecify.annotations.NullMarked;
