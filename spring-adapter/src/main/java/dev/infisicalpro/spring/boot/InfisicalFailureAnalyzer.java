package dev.infisicalpro.spring.boot;

import dev.infisicalpro.AuthenticationException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.FolderNotFoundException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.NotFoundException;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.RateLimitException;
import dev.infisicalpro.ScopeMismatchException;
import dev.infisicalpro.TransportException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed {@code infisical:} import into Boot's "APPLICATION FAILED TO START" report: what
 * failed (the import and the client's message, which names status, path and scope but never a token or
 * value) and what to do about it, by cause: scope mismatch, authentication (401), permissions,
 * missing folder, settings (no env-slug, zero or two auth methods), unreachable host.
 *
 * <p>Registered in {@code META-INF/spring.factories}; for example, with no environment configured:
 * <pre>{@code
 * Description: Could not load secrets from Infisical for spring.config.import=infisical:/app.
 *              ValidationException: no environment configured. Hint: set infisical.env-slug ...
 * Action:      Set infisical.env-slug (e.g. dev or prod) for this import, or per import with ...
 * }</pre>
 */
public class InfisicalFailureAnalyzer extends AbstractFailureAnalyzer<InfisicalConfigDataException> {
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalFailureAnalyzer() {
    }

    private static final String OPTIONAL = " To start without Infisical, import it as optional:infisical: (values"
            + " then appear once the server answers).";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InfisicalConfigDataException cause) {
        InfisicalException e = cause.infisicalCause();
        String description = "Could not load secrets from Infisical for spring.config.import=" + cause.location()
                + ".\n\n" + e.getClass().getSimpleName() + ": " + e.getMessage();
        return new FailureAnalysis(description, action(e), cause);
    }

    static String action(InfisicalException e) {
        if (e instanceof ScopeMismatchException) {
            return "The service token cannot read the environment or folder this import asks for. Import the"
                    + " token's own scope (infisical.env-slug / infisical.secrets-path or infisical:/<path>), or create"
                    + " a service token scoped to /** (or <path>/**) and set it as infisical.auth.service-token"
                    + " (or INFISICAL_TOKEN). Prefer a machine identity (infisical.auth.client-id/client-secret).";
        }
        if (e instanceof ValidationException) {
            String message = e.getMessage();
            String where = " Settings can come from application.properties/.yml, on-profile documents, system"
                    + " properties or environment variables (relaxed names such as INFISICAL_ENV_SLUG, and"
                    + " INFISICAL_API_URL, INFISICAL_TOKEN, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID/SECRET).";
            if (message.contains("authentication method")) {
                return "Configure exactly one auth method: infisical.auth.service-token, infisical.auth.access-token,"
                        + " infisical.auth.client-id + infisical.auth.client-secret, infisical.auth.credentials-dir or"
                        + " infisical.auth.kubernetes.identity-id." + where;
            }
            if (message.contains("environment") || message.contains("env-slug")) {
                return "Set infisical.env-slug (e.g. dev or prod) for this import, or per import with"
                        + " infisical:/<path>?env-slug=<slug>." + where;
            }
            return "Fix the setting named above; the hint says how." + where;
        }
        if (e instanceof AuthenticationException) {
            return "Infisical rejected the credentials (401). Usual causes: the machine identity or its universal"
                    + " auth is disabled; the client secret expired, was revoked or used up its uses; the service"
                    + " token expired or was deleted; infisical.host-api (INFISICAL_API_URL) points at another"
                    + " Infisical instance or region than the one that issued the credentials.";
        }
        if (e instanceof PermissionDeniedException) {
            return "The identity is authenticated but may not read this project, environment or folder: give it a"
                    + " role with read access to the project (Access Control > Machine Identities), or check"
                    + " infisical.project-id / infisical.env-slug.";
        }
        if (e instanceof FolderNotFoundException || e instanceof NotFoundException) {
            return "The project, environment or folder does not exist: check infisical.project-id (or project-slug),"
                    + " infisical.env-slug and the import's path (infisical:/<path>), which are case-sensitive.";
        }
        if (e instanceof TransportException) {
            return "Infisical could not be reached: check infisical.host-api (INFISICAL_API_URL), DNS, proxy and"
                    + " firewall settings, and that the server is up." + OPTIONAL;
        }
        if (e instanceof RateLimitException || e instanceof TransportException) {
            return "Infisical answered with a server-side error or rate limit; retry later or check the server"
                    + " logs." + OPTIONAL;
        }
        return "Check the Infisical settings (infisical.*) and the server; the message above names the request"
                + " that failed." + OPTIONAL;
    }
}
