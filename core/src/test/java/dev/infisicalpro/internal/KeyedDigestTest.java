package dev.infisicalpro.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/** The library's HMAC, written over MessageDigest, gives exactly what javax.crypto.Mac gives, keys over one block included. */
class KeyedDigestTest {

    @Property(tries = 300)
    void hmacSha256IsTheJdkMacs(@ForAll @Size(min = 1, max = 200) byte[] key, @ForAll @Size(max = 300) byte[] message)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        assertThat(HmacSha256.of(key, message)).isEqualTo(mac.doFinal(message));
    }
}
