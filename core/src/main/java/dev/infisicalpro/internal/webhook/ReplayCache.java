package dev.infisicalpro.internal.webhook;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signatures of deliveries seen recently, each kept until its timestamp leaves the accepted window
 * (after which the staleness check rejects it anyway). Bounded: past {@code capacity} the oldest entries go
 * first. Not API.
 */
public final class ReplayCache {

    private final int capacity;
    private final Map<Key, Long> expiries = new LinkedHashMap<>();  // guarded by this; insertion order

    /** @param capacity the most signatures remembered */
    public ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** A MAC as a map key (arrays compare by identity). */
    private record Key(byte[] mac) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(mac, k.mac);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(mac);
        }
    }

    /**
     * Records a signature unless it is already known.
     *
     * @param mac          the delivery's MAC
     * @param expiresAtMs  when it may be forgotten (epoch millis)
     * @param nowMs        the current time (epoch millis)
     * @return {@code true} when it was new
     */
    public synchronized boolean firstSeen(byte[] mac, long expiresAtMs, long nowMs) {
        Iterator<Map.Entry<Key, Long>> it = expiries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Long> e = it.next();
            if (e.getValue() >= nowMs && expiries.size() < capacity) {
                break;   // entries are roughly in expiry order; later ones are dropped when reached
            }
            it.remove();
        }
        return expiries.putIfAbsent(new Key(mac.clone()), expiresAtMs) == null;
    }

    /** Number of remembered signatures. */
    public synchronized int size() {
        return expiries.size();
    }
}
