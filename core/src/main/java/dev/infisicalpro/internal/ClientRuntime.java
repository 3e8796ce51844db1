package dev.infisicalpro.internal;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.Folders;
import dev.infisicalpro.RetryPolicy;
import dev.infisicalpro.Secrets;
import dev.infisicalpro.ServiceTokenInfo;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Wires transport, token manager, cache and operations for one client. Not API. */
public final class ClientRuntime {

    public ClientRuntime(String host, Credentials credentials, Duration connectTimeout, Duration readTimeout,
                         RetryPolicy retryPolicy, Clock clock, String userAgent, long maxResponseBytes,
                         Duration responseCacheTtl) {
        throw new UnsupportedOperationException("implemented by the core work");
    }

    public Secrets secrets() {
        throw new UnsupportedOperationException();
    }

    public Folders folders() {
        throw new UnsupportedOperationException();
    }

    public Optional<ServiceTokenInfo> serviceTokenInfo() {
        throw new UnsupportedOperationException();
    }

    public String apiUrl() {
        throw new UnsupportedOperationException();
    }

    public Clock clock() {
        throw new UnsupportedOperationException();
    }

    public void close() {
        throw new UnsupportedOperationException();
    }
}
