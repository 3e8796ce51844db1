/**
 * Infisical secrets in a Spring {@code Environment}: {@link dev.infisicalpro.spring.InfisicalPropertySource}
 * over a live, self-refreshing view, plain-Spring setup with
 * {@link dev.infisicalpro.spring.InfisicalPropertySources} or
 * {@link dev.infisicalpro.spring.InfisicalPropertySourceInitializer}, and
 * {@link dev.infisicalpro.spring.InfisicalSecretsChangedEvent}. Spring Boot glue lives in
 * {@code dev.infisicalpro.spring.boot}.
 */
@NullMarked
package dev.infisicalpro.spring;

import org.jspecify.annotations.NullMarked;
