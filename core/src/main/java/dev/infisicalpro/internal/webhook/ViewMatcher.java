package dev.infisicalpro.internal.webhook;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.LiveSecrets;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Provenance;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretQuery;


/**
 * Which live views a webhook concerns. Errs on the side of refreshing: a needless refresh costs one
 * conditional request answered 304, a missed one leaves a stale value until the next resync. Not API.
 *
 * <ul>
 *   <li>Project: a view named by id must have the event's id; a view named by slug or by its service token
 *       cannot be compared without a request, so it counts as the same project.</li>
 *   <li>Folder: the view reads the changed folder, or a folder below it, or (recursive) above it; or the
 *       view's current secrets came from the changed environment and folder through an import.</li>
 *   <li>A glob (a test delivery), an unparsable path or no path at all: every view of the environment.</li>
 * </ul>
 */
public final class ViewMatcher {

    private ViewMatcher() {
    }

    /** True when the view reads (or may read) the project. */
    public static boolean sameProject(LiveSecrets view, String projectId) {
        ProjectRef project = view.query().project();
        return !(project instanceof ProjectRef.Id id) || id.value().equals(projectId);
    }

    /** True when a change of {@code environment}:{@code rawPath} may alter what the view serves. */
    public static boolean concerns(LiveSecrets view, String environment, String rawPath) {
        SecretQuery query = view.query();
        Target changed = Target.of(rawPath);
        if (query.environment().equals(environment)) {
            for (SecretPath path : query.paths()) {
                if (changed.base().contains(path)
                        || ((query.options().recursive() || changed.broad()) && path.contains(changed.base()))) {
                    return true;
                }
            }
        }
        // imported (possibly from another environment): the snapshot says where each value came from
        for (Secret secret : view.snapshot().secrets().values()) {
            Provenance source = secret.source();
            if (source.imported() && source.environment().equals(environment)
                    && (changed.base().contains(source.path()) || source.path().contains(changed.base()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The changed folder: a literal path exactly; a glob as the folder before its first special character,
     * {@code broad} (anything below or above it may be meant); no path or an invalid one as the root, broad.
     */
    record Target(SecretPath base, boolean broad) {
        static Target of(String rawPath) {
            String p = rawPath.trim();
            if (p.isEmpty()) {
                return new Target(SecretPath.ROOT, true);
            }
            String base = globBase(p);
            try {
                return new Target(SecretPath.of(base), !base.equals(SecretPath.of(p).value()));
            } catch (ValidationException e) {
                try {
                    return new Target(SecretPath.of(base), true);  // a glob: the path itself is no folder name
                } catch (ValidationException e2) {
                    return new Target(SecretPath.ROOT, true);
                }
            }
        }
    }

    // the folders before the first segment with a picomatch special character
    private static String globBase(String p) {
        StringBuilder sb = new StringBuilder();
        for (String segment : p.split("/")) {
            if (segment.chars().anyMatch(c -> "*?[]{}()!+@".indexOf(c) >= 0)) {
                break;
            }
            if (!segment.isEmpty()) {
                sb.append('/').append(segment);
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
