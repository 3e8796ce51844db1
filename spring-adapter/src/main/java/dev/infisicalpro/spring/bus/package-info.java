/**
 * Push-refresh fan-out over Spring Cloud Bus: {@link dev.infisicalpro.spring.bus.InfisicalPushEvent}. Only
 * loaded when {@code spring-cloud-bus} is on the class path; the adapter works without Spring Cloud.
 */
@NullMarked
package dev.infisicalpro.spring.bus;

import org.jspecify.annotations.NullMarked;
