package dev.infisicalpro.internal.live;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a {@code LiveSecrets.Builder} collected. Not API.
 *
 * @param resyncInterval    background refresh period; zero = never
 * @param maxStaleness      age after which status turns unhealthy; zero = never
 * @param failFast          whether the first load failing fails start
 * @param serveStale        whether reads keep answering once {@code maxStaleness} has passed
 * @param scheduler         the application's scheduler, or null for the shared library thread
 * @param listenerExecutor  the application's listener executor, or null for the shared library thread
 */
public record LiveSettings(Duration resyncInterval, Duration maxStaleness, boolean failFast, boolean serveStale,
                           ScheduledExecutorService scheduler, Executor listenerExecutor) {
}
