package dev.infisicalpro.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which http:// hosts count as loopback when the client decides whether to warn about plain http at build time. */
class LoopbackSpellingTest {

    @Test
    void onlyAnIpv4LiteralInTheLoopbackNetIsLoopback() {
        for (String yes : new String[] {"127.0.0.1", "127.1.2.3", "127.255.255.255", "127.000.0.1"}) {
            assertThat(ClientRuntime.isIpv4Loopback(yes)).as(yes).isTrue();
        }
        for (String no : new String[] {"127.evil.example", "127.0.0.1.evil.example", "127.0.0", "127.0.0.1.", "127.0..1",
                "127.0.0.1234", "128.0.0.1", "1127.0.0.1", "127.0.0.\u0661", "127.0.0.-1", ""}) {
            assertThat(ClientRuntime.isIpv4Loopback(no)).as(no).isFalse();
        }
    }
}
