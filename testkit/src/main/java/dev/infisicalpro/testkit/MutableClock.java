package dev.infisicalpro.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests can move forward, so token TTLs expire without sleeping. It is a base clock
 * plus an offset: {@link #advance(Duration)} adds to the offset, and the base keeps ticking (so
 * {@code updatedAt} still changes between two writes) unless the base is fixed.
 *
 * <pre>{@code
 * FakeInfisical fake = FakeInfisical.start();
 * fake.clock().advance(Duration.ofHours(3)); // a 2 h access token is now past its TTL
 * }</pre>
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset;

    private MutableClock(Clock base, AtomicReference<Duration> offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /**
     * A clock following the system UTC clock, movable forward.
     *
     * @return a clock following the system UTC clock, movable forward
     */
    public static MutableClock system() {
        return wrap(Clock.systemUTC());
    }

    /**
     * A clock standing still at {@code instant} until advanced.
     *
     * @param instant instant
     * @return a clock standing still at {@code instant} until advanced
     */
    public static MutableClock fixed(Instant instant) {
        return wrap(Clock.fixed(instant, ZoneOffset.UTC));
    }

    /**
     * A movable clock on top of {@code base}; returns {@code base} itself if it is already one.
     *
     * @param base base clock
     * @return a movable clock on top of {@code base}, or {@code base} itself if it is one
     */
    public static MutableClock wrap(Clock base) {
        if (base instanceof MutableClock m) {
            return m;
        }
        return new MutableClock(base, new AtomicReference<>(Duration.ZERO));
    }

    /**
     * Moves the clock forward (or back, with a negative duration).
     *
     * @param duration amount of time
     * @return this clock
     */
    public MutableClock advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        offset.accumulateAndGet(duration, Duration::plus);
        return this;
    }

    /**
     * Sets the clock so that {@link #instant()} returns {@code instant} now.
     *
     * @param instant instant
     * @return this clock
     */
    public MutableClock set(Instant instant) {
        offset.set(Duration.between(base.instant(), instant));
        return this;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MutableClock(base.withZone(zone), offset);
    }

    @Override
    public String toString() {
        return "MutableClock[" + instant() + "]";
    }
}
