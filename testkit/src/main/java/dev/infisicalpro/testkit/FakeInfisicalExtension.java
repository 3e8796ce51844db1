package dev.infisicalpro.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * JUnit 5 extension that starts a seeded {@link FakeInfisical} and stops it afterwards.
 *
 * <p>Registered on a {@code static} field (or via {@code @ExtendWith(FakeInfisicalExtension.class)},
 * unseeded) it starts once before all tests of the class; on an instance field it starts a fresh
 * server for each test. Before every
 * test the journal and pending faults are cleared, so counts and faults never leak between tests
 * (secrets do, on a shared server — seed what each test needs). Test methods and constructors can
 * take a {@link FakeInfisical} parameter.
 *
 * <pre>{@code
 * class MyTest {
 *     @RegisterExtension
 *     static FakeInfisicalExtension infisical = FakeInfisicalExtension.withSeed(f ->
 *             f.createProject("demo").putSecret("dev", "/", "DB_PASSWORD", "s3cret"));
 *
 *     @Test
 *     void reads(FakeInfisical fake) { ... fake.apiUrl() ... }
 * }
 * }</pre>
 */
public final class FakeInfisicalExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final UnaryOperator<FakeInfisical.Builder> config;
    private volatile FakeInfisical fake;
    private volatile boolean perClass;

    /** Default settings, no seed; also used by {@code @ExtendWith(FakeInfisicalExtension.class)}. */
    public FakeInfisicalExtension() {
        this(b -> b);
    }

    private FakeInfisicalExtension(UnaryOperator<FakeInfisical.Builder> config) {
        this.config = config;
    }

    /**
     * Default settings plus seeding code.
     *
     * @param seed seeding code
     * @return the extension
     */
    public static FakeInfisicalExtension withSeed(Consumer<FakeInfisical> seed) {
        Objects.requireNonNull(seed, "seed");
        return new FakeInfisicalExtension(b -> b.seed(seed));
    }

    /**
     * Full control over the builder, e.g. {@code b -> b.generation(Generation.CURRENT).seed(...)}.
     *
     * @param config changes to the default builder
     * @return the extension
     */
    public static FakeInfisicalExtension configure(UnaryOperator<FakeInfisical.Builder> config) {
        return new FakeInfisicalExtension(Objects.requireNonNull(config, "config"));
    }

    /**
     * The running server.
     *
     * @return the running server
     */
    public FakeInfisical fake() {
        FakeInfisical f = fake;
        if (f == null) {
            throw new IllegalStateException("FakeInfisical is not running (outside a test?)");
        }
        return f;
    }

    /**
     * Shorthand for {@code fake().apiUrl()}.
     *
     * @return the API root of the running server
     */
    public String apiUrl() {
        return fake().apiUrl();
    }

    /**
     * Shorthand for {@code fake().url()}.
     *
     * @return the root URL of the running server
     */
    public String url() {
        return fake().url();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        fake = config.apply(FakeInfisical.builder()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
        perClass = false;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (fake == null) {
            fake = config.apply(FakeInfisical.builder()).start();
        } else {
            fake.journal().clear();
            fake.faults().clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        FakeInfisical f = fake;
        fake = null;
        if (f != null) {
            f.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == FakeInfisical.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (fake == null) {
            // constructor injection runs before beforeEach for per-method instances
            fake = config.apply(FakeInfisical.builder()).start();
        }
        return fake;
    }
}
