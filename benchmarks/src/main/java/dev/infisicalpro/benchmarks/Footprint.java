package dev.infisicalpro.benchmarks;

import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.Secret;
import org.openjdk.jol.info.GraphLayout;

import java.lang.reflect.Field;
import java.time.Duration;

/**
 * Retained heap of a live view's data (the published state: snapshot, value index and per-folder
 * maps, with every Secret, Provenance and String they hold) against the UTF-16 size of its keys and
 * values ({@code 2 x (key chars + value chars)}). Target: at most 3x. Measured with JOL's
 * {@link GraphLayout}, which walks the object graph; reflection reaches the engine's private state
 * (benchmark-only). Run: {@code java -cp ... dev.infisicalpro.benchmarks.Footprint [n]}.
 */
public final class Footprint {

    static {
        // JOL cannot read record field offsets through Unsafe on JDK 17 without this (it asks for it)
        if (System.getProperty("jol.magicFieldOffset") == null) {
            System.setProperty("jol.magicFieldOffset", "true");
        }
    }

    private Footprint() {
    }

    /** The result. */
    public record Result(int secrets, long retainedBytes, long utf16Bytes) {
        public double ratio() {
            return (double) retainedBytes / utf16Bytes;
        }

        @Override
        public String toString() {
            return String.format("%d secrets: retained %,d B, UTF-16 keys+values %,d B, ratio %.2f", secrets,
                    retainedBytes, utf16Bytes, ratio());
        }
    }

    /** Loads {@code n} secrets from the fixture into a fresh live view and measures it. */
    public static Result measure(BenchFixture fixture) {
        try (InfisicalClient client = fixture.client();
             LiveSecrets live = client.live(fixture.query()).resyncInterval(Duration.ZERO).start()) {
            long utf16 = 0;
            for (Secret s : live.snapshot().secrets().values()) {
                utf16 += 2L * (s.key().length() + s.value().length());
            }
            long retained = GraphLayout.parseInstance(state(live)).totalSize();
            return new Result(live.snapshot().size(), retained, utf16);
        }
    }

    private static Object state(LiveSecrets live) {
        try {
            Field engineField = LiveSecrets.class.getDeclaredField("engine");
            engineField.setAccessible(true);
            Object engine = engineField.get(live);
            Field stateField = engine.getClass().getDeclaredField("state");
            stateField.setAccessible(true);
            return stateField.get(engine);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("LiveSecrets internals moved; update Footprint", e);
        }
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        try (BenchFixture fixture = new BenchFixture(n)) {
            System.out.println(measure(fixture));
        }
    }
}
