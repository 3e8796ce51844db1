/**
 * Spring Boot glue: {@code spring.config.import=infisical:} (resolver, resource, loader, failure
 * analyzer), auto-configuration of the client and live view as beans, refresh events, the
 * {@code infisical} health contributor and actuator masking. Runs on Boot 3.5 and 4.0 from one jar.
 */
@NullMarked
package dev.infisicalpro.spring.boot;

import org.jspecify.annotations.NullMarked;
