package dev.infisicalpro.spring.boot;

import dev.infisicalpro.InfisicalException;
import org.springframework.boot.context.config.ConfigDataException;

import java.util.Objects;

/**
 * A non-optional {@code infisical:} import could not be loaded; startup stops and
 * {@link InfisicalFailureAnalyzer} explains what failed and how to fix it. The message names the import
 * and carries the client's own message (status, path, hint), never a token or a value.
 *
 * <pre>{@code
 * try {
 *     SpringApplication.run(App.class, args);
 * } catch (InfisicalConfigDataException e) {
 *     System.err.println(e.location() + ": " + e.infisicalCause().hint().orElse(""));
 * }
 * }</pre>
 */
public class InfisicalConfigDataException extends ConfigDataException {
    private static final long serialVersionUID = 1L;

    /** The import that failed. */
    private final String location;

    /**
     * A failed {@code infisical:} import, with the failure that caused it.
     *
     * @param location the import, e.g. {@code infisical:/app}
     * @param cause    what the client reported
     */
    public InfisicalConfigDataException(String location, InfisicalException cause) {
        super("Could not load Infisical secrets for spring.config.import=" + location + ": " + cause.getMessage(),
                Objects.requireNonNull(cause, "cause"));
        this.location = location;
    }

    /**
     * The import that failed.
     *
     * @return the import as written, e.g. {@code infisical:/app}
     */
    public String location() {
        return location;
    }

    /**
     * What the client reported.
     *
     * @return the client's exception, with the failed request and a hint
     */
    public InfisicalException infisicalCause() {
        return (InfisicalException) getCause();
    }
}
