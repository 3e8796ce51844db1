package dev.infisicalpro.cli.doctor;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.FailedRequest;
import dev.infisicalpro.Folder;
import dev.infisicalpro.ImportedSecrets;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.RateLimitException;
import dev.infisicalpro.Scope;
import dev.infisicalpro.ScopeMismatchException;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.TokenScope;
import dev.infisicalpro.cli.CliException;
import dev.infisicalpro.config.InfisicalSettings;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks behind {@code infisical-pro doctor}, in order, each with the fix for what it finds. A check
 * that cannot run because an earlier one failed is {@code SKIP}; nothing here prints or returns a
 * token, client secret or secret value (only key names).
 *
 * <pre>{@code
 * Doctor doctor = new Doctor(setup, Clock.systemUTC(), Duration.ofSeconds(10));
 * for (Doctor.Check check : doctor.run()) {
 *     System.out.println(check.status() + " " + check.name() + ": " + check.message());
 * }
 * }</pre>
 *
 * <p>Over 400 lines because the seven checks share state in order (the host a later check probes, the
 * token info the scope check reads, the skips an earlier failure causes); each check is one method with
 * its own fix texts.
 */
public final class Doctor {

    /** The outcome of one check. */
    public enum Status { PASS, WARN, FAIL, SKIP }

    /**
     * One line of the report.
     *
     * @param number  1..7, the order
     * @param name    short name ({@code host}, {@code auth}, …)
     * @param status  the outcome
     * @param message what was found
     * @param fix     what to do, "" for a pass
     * @param details further lines (imports, scopes), never values
     */
    public record Check(int number, String name, Status status, String message, String fix, List<String> details) {
        public Check {
            details = List.copyOf(details);
        }
    }

    /** Where the settings and the client come from: the command's shared options. */
    public interface Setup {
        /** The settings with credentials left out (so the host can be checked when credentials are wrong). */
        InfisicalSettings hostSettings();

        /** The full settings; throws the resolution's own error when they are wrong. */
        InfisicalSettings settings();

        /** A client for the settings, every request within the doctor's deadline. */
        InfisicalClient client(InfisicalSettings settings);
    }

    static final Duration SKEW_WARNING = Duration.ofSeconds(60);

    private final Setup setup;
    private final Clock clock;
    private final Probe probe;
    private final List<Check> checks = new ArrayList<>();

    // what earlier checks learned
    private Probe.Response status;
    private Instant statusSentAt;
    private InfisicalSettings settings;
    private InfisicalClient client;
    private Optional<ServiceTokenInfo> tokenInfo = Optional.empty();
    private ProjectRef project;
    private String environment;
    private RateLimitException rateLimited;

    /** A doctor whose raw probes time out after {@code timeout}; {@code clock} is "this machine's" time. */
    public Doctor(Setup setup, Clock clock, Duration timeout) {
        this.setup = setup;
        this.clock = clock;
        this.probe = new Probe(timeout);
    }

    /** Runs every check that can run and returns one result per check, 1 to 7. */
    public List<Check> run() {
        try {
            boolean hostOk = host();
            boolean authOk = hostOk && auth();
            boolean projectOk = authOk && project();
            boolean foldersOk = projectOk && folders();
            boolean scopeOk = projectOk && scope();
            if (foldersOk && scopeOk) {
                imports();
            } else {
                skip(6, "imports", projectOk ? "needs the environment, folders and token scope to be right (checks 4 and 5)"
                        : "needs the project (check 3)");
            }
            limits(hostOk);
        } finally {
            if (client != null) {
                client.close();
            }
        }
        for (int n = 1; n <= 7; n++) {
            int number = n;
            if (checks.stream().noneMatch(c -> c.number() == number)) {
                skip(n, NAMES[n], "an earlier check failed");
            }
        }
        checks.sort(java.util.Comparator.comparingInt(Check::number));
        return List.copyOf(checks);
    }

    private static final String[] NAMES = {"", "host", "auth", "project", "folders", "token scope", "imports",
            "limits & clock"};

    // ---------------------------------------------------------------- 1 host

    private boolean host() {
        InfisicalSettings hosts;
        try {
            hosts = setup.hostSettings();
        } catch (InfisicalException | CliException e) {
            add(1, Status.FAIL, "the host cannot be read from the settings: " + e.getMessage(),
                    "set --host-api (INFISICAL_API_URL), e.g. https://infisical.example.com/api");
            return false;
        }
        String api = hosts.hostApi();
        URI uri = URI.create(api);
        try {
            statusSentAt = clock.instant();
            status = probe.get(api + "/status", Optional.empty());
        } catch (Probe.Unreachable e) {
            add(1, Status.FAIL, api + ": " + e.getMessage(), e.fix);
            return false;
        }
        if (!isInfisicalStatus(status)) {
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            String what = "GET " + api + "/status answered " + status.status() + describeBody(status);
            if (uri.getPath().endsWith("/api/api")) {
                add(1, Status.FAIL, what + ": the host names /api twice",
                        "use --host-api " + api.substring(0, api.length() - 4));
                return false;
            }
            if (!(origin + "/api").equals(api)) {
                try {
                    Probe.Response root = probe.get(origin + "/api/status", Optional.empty());
                    if (isInfisicalStatus(root)) {
                        add(1, Status.FAIL, what + "; the API answers at " + origin + "/api instead",
                                "use --host-api " + origin + "/api (the API root is the host plus /api)");
                        return false;
                    }
                } catch (Probe.Unreachable ignored) {
                    // fall through to the plain failure
                }
            }
            add(1, Status.FAIL, what + ": this is not an Infisical API root",
                    "point --host-api at the server's API root (https://<host>/api); a web page or 404 here means "
                            + "the wrong host, port or path prefix");
            return false;
        }
        if (uri.getScheme().equals("http") && !isLoopback(uri.getHost())) {
            add(1, Status.WARN, api + " answers, but over plain http to " + uri.getHost()
                            + ": tokens and secrets cross the network unencrypted",
                    "serve Infisical over https and use https:// in --host-api");
        } else {
            add(1, Status.PASS, api + " is an Infisical API (" + status.elapsed().toMillis() + " ms)", "");
        }
        return true;
    }

    private static boolean isInfisicalStatus(Probe.Response r) {
        return r.status() == 200 && r.body().trim().startsWith("{") && r.body().contains("\"message\"")
                && (r.body().contains("\"date\"") || r.body().contains("\"Ok\""));
    }

    private static String describeBody(Probe.Response r) {
        String type = r.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (type.contains("html") || r.body().trim().startsWith("<")) {
            return " (an HTML page)";
        }
        return r.body().isBlank() ? " (empty)" : "";
    }

    static boolean isLoopback(String host) {
        String h = host.replaceAll("^\\[|]$", "");
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false; // a name: not resolved here, only literal loopback addresses count
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- 2 auth

    private boolean auth() {
        try {
            settings = setup.settings();
        } catch (InfisicalException | CliException e) {
            add(2, Status.FAIL, "the settings are not usable: " + e.getMessage(), authConfigFix(e.getMessage()));
            return false;
        }
        Credentials credentials = settings.credentials();
        project = settings.project();
        client = setup.client(settings);
        String method = method(credentials);
        try {
            if (credentials instanceof Credentials.ServiceToken st) {
                tokenInfo = client.serviceTokenInfo();
                ServiceTokenInfo info = tokenInfo.orElseThrow();
                add(2, Status.PASS, "service token " + quoted(info.name()) + " (id " + st.tokenId() + ") is valid; scopes "
                        + info.scopes() + ", permissions " + info.permissions(), "");
                return true;
            }
            // a machine identity logs in with its first request: list the environment's root folders
            environment = settings.envSlug().orElse("");
            if (project instanceof ProjectRef.FromToken) {
                add(2, Status.WARN, method + " configured, but no project to log in against",
                        "set --project-id (or --project-slug); see check 3");
                return true;
            }
            client.folders().list(Scope.of(project, environment, "/"));
            add(2, Status.PASS, method + " login works", "");
            return true;
        } catch (RateLimitException e) {
            rateLimited = e;
            add(2, Status.FAIL, "rate limited while logging in: " + e.getMessage(), "see check 7");
            return false;
        } catch (InfisicalException e) {
            if (e.status().isEmpty()) {
                add(2, Status.FAIL, "could not log in: " + e.getMessage(), "see the message; check 1 reached the host");
                return false;
            }
            if (isAuthFailure(e)) {
                add(2, Status.FAIL, method + " login refused: " + serverSaid(e), authCause(e, credentials));
                return false;
            }
            // the login worked; what failed after it is for checks 3 and 4
            add(2, Status.PASS, method + " login works", "");
            return true;
        }
    }

    private static String method(Credentials c) {
        if (c instanceof Credentials.ServiceToken) {
            return "service token";
        }
        if (c instanceof Credentials.UniversalAuth) {
            return "universal auth (machine identity)";
        }
        if (c instanceof Credentials.Kubernetes) {
            return "Kubernetes auth (machine identity)";
        }
        return "access token";
    }

    private static boolean isAuthFailure(InfisicalException e) {
        int s = e.status().orElse(0);
        String msg = serverMessage(e).orElse("").toLowerCase(Locale.ROOT);
        return e instanceof dev.infisicalpro.AuthenticationException || s == 401
                || msg.contains("no identity with specified client id") || msg.contains("token has expired")
                || msg.contains("kubernetes auth method not found");
    }

    /** The server's own {@code message}, when the failure has an answer that carried one. */
    private static Optional<String> serverMessage(InfisicalException e) {
        return e.request().map(FailedRequest::serverMessage).filter(m -> !m.isBlank());
    }

    private static String serverSaid(InfisicalException e) {
        return e.status().isPresent() ? "HTTP " + e.status().getAsInt() + " \"" + serverMessage(e).orElse("") + "\""
                : e.getMessage();
    }

    /** Which of the field guide's 401 causes fits the server's answer. */
    private String authCause(InfisicalException e, Credentials c) {
        String m = serverMessage(e).orElse("").toLowerCase(Locale.ROOT);
        String host = settings.hostApi();
        if (m.contains("no identity with specified client id")) {
            return "no identity with this client id exists on " + host + ": it was deleted or disabled, or it "
                    + "belongs to another Infisical (wrong --host-api). Check Organization > Access Control > "
                    + "Identities on that server";
        }
        if (m.contains("expired client secret")) {
            return "the client secret has expired (its TTL ran out): create a new client secret for the identity's "
                    + "Universal Auth and update the credentials";
        }
        if (m.contains("usage limit")) {
            return "the client secret (or access token) used up its uses limit: create a new client secret, "
                    + "and raise or clear the limit if doctor and your app share it";
        }
        if (m.contains("temporarily locked")) {
            return "the identity is locked after repeated failed logins: wait for the lockout to end, and fix the "
                    + "secret first, or the next attempts lock it again";
        }
        if (m.contains("invalid credentials")) {
            return "the client secret is wrong or was revoked, or the identity lives on another server (wrong "
                    + "--host-api): copy a current client secret for this client id from " + host;
        }
        if (m.contains("token has expired") || m.contains("ttl expiration")) {
            return "the token has expired: create a new one (service tokens and access tokens have an expiry)";
        }
        if (m.contains("kubernetes")) {
            return "the identity has no Kubernetes auth configured, or the service-account JWT was rejected: "
                    + "configure Kubernetes Auth for it (allowed service accounts / namespaces / audience)";
        }
        if (c instanceof Credentials.ServiceToken) {
            return "the service token was revoked, has expired, or belongs to another server (wrong --host-api): "
                    + "create a new one in Project settings > Service tokens";
        }
        return "the usual causes (field guide): the machine identity is disabled, its credential expired, or "
                + "--host-api points at another server";
    }

    private static String authConfigFix(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("credentials directory") || m.contains("credentials file")) {
            return "name the files of the credentials folder exactly clientId and clientSecret (universal auth) or "
                    + "infisicalToken (service token): the operator's camelCase key names";
        }
        if (m.contains("authentication method") || m.contains("client id") || m.contains("client secret")) {
            return "configure exactly one auth method: --token (service or access token), "
                    + "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID + INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET, --credentials-dir, "
                    + "or Kubernetes auth (INFISICAL_MACHINE_IDENTITY_ID)";
        }
        return "fix the setting the message names";
    }

    // ---------------------------------------------------------------- 3 project

    private boolean project() {
        if (tokenInfo.isPresent()) {
            ServiceTokenInfo info = tokenInfo.get();
            if (project instanceof ProjectRef.Id id && !id.value().equals(info.projectId())) {
                add(3, Status.FAIL, "the service token belongs to project " + info.projectId() + ", not "
                                + id.value() + ": the server ignores the asked project and answers with the token's",
                        "drop --project-id, or use a token created in project " + id.value());
                return false;
            }
            project = ProjectRef.id(info.projectId());
            environment = settings.envSlug().orElseGet(() -> singleEnvironment(info));
            if (environment.isEmpty()) {
                add(3, Status.FAIL, "project " + info.projectId() + " (from the token), but no environment: the token "
                        + "covers " + environments(info), "set --env to one of " + environments(info));
                return false;
            }
            add(3, Status.PASS, "project " + info.projectId() + " (the service token's own; no .infisical.json needed)", "");
            return true;
        }
        if (project instanceof ProjectRef.FromToken) {
            add(3, Status.FAIL, "no project configured (what the official CLI reports as \"It looks you have not yet "
                            + "connected this project\")",
                    "pass --project-id <id> (or --project-slug), --env <slug> and the credentials; no .infisical.json "
                            + "is needed");
            return false;
        }
        try {
            client.folders().list(Scope.of(project, environment, "/"));
            add(3, Status.PASS, project + " exists and is readable", "");
            return true;
        } catch (RateLimitException e) {
            rateLimited = e;
            add(3, Status.FAIL, "rate limited: " + e.getMessage(), "see check 7");
            return false;
        } catch (InfisicalException e) {
            String m = serverMessage(e).orElse(e.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("environment")) {
                add(3, Status.PASS, project + " exists", "");
                return true; // the environment is check 4's
            }
            int s = e.status().orElse(0);
            add(3, Status.FAIL, project + " cannot be read: " + serverSaid(e), s == 403
                    ? "give the machine identity a role in this project (Project > Access Control > Machine Identities)"
                    : "check the project id/slug (Project settings shows both) and that --host-api is the server "
                            + "that holds it");
            return false;
        }
    }

    private static String singleEnvironment(ServiceTokenInfo info) {
        Set<String> envs = new LinkedHashSet<>();
        info.scopes().forEach(s -> envs.add(s.environment()));
        return envs.size() == 1 ? envs.iterator().next() : "";
    }

    private static String environments(ServiceTokenInfo info) {
        Set<String> envs = new LinkedHashSet<>();
        info.scopes().forEach(s -> envs.add(s.environment()));
        return String.join(", ", envs);
    }

    // ---------------------------------------------------------------- 4 folders

    private boolean folders() {
        List<String> details = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        try {
            client.folders().list(Scope.of(project, environment, "/"));
        } catch (ScopeMismatchException e) {
            unchecked.add("/");
        } catch (RateLimitException e) {
            rateLimited = e;
            add(4, Status.FAIL, "rate limited: " + e.getMessage(), "see check 7");
            return false;
        } catch (InfisicalException e) {
            String m = serverMessage(e).orElse("").toLowerCase(Locale.ROOT);
            add(4, Status.FAIL, "environment " + quoted(environment) + " cannot be read: " + serverSaid(e),
                    m.contains("environment") ? "use an existing environment slug (Project settings > Environments; "
                            + "slugs such as dev, staging, prod)" : "check the environment and the identity's role");
            return false;
        }
        for (SecretPath path : settings.secretsPaths()) {
            try {
                Optional<String> gap = firstMissing(path);
                if (gap.isPresent()) {
                    missing.add(path.value());
                    details.add("Folder with path '" + gap.get() + "' not found in " + environment
                            + (gap.get().equals(path.value()) ? "" : " (needed for " + path.value() + ")"));
                } else {
                    details.add(environment + ":" + path.value() + " exists");
                }
            } catch (ScopeMismatchException e) {
                unchecked.add(path.value());
            }
        }
        if (!missing.isEmpty()) {
            String first = missing.get(0);
            add(4, Status.FAIL, "missing folder" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                            + " in environment " + environment,
                    "create " + (missing.size() > 1 ? "them" : "it") + " first (writes into a missing folder fail with "
                            + "404, and the official CLI cannot create folders with --token): infisical-pro folders create "
                            + first + " --parents --env " + environment + " (or POST " + settings.hostApi()
                            + "/v1/folders)", details);
            return false;
        }
        if (!unchecked.isEmpty()) {
            add(4, Status.WARN, "environment " + environment + " exists; " + String.join(", ", unchecked)
                    + " could not be checked with this token's scope", "see check 5", details);
            return true;
        }
        add(4, Status.PASS, "environment " + environment + " and " + settings.secretsPaths().size()
                + (settings.secretsPaths().size() == 1 ? " path exist" : " paths exist"), "", details);
        return true;
    }

    /** The first folder of {@code path} (from the root down) that does not exist. */
    private Optional<String> firstMissing(SecretPath path) {
        SecretPath current = SecretPath.ROOT;
        for (String segment : path.value().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            SecretPath parent = current;
            List<Folder> children = client.folders().list(Scope.of(project, environment, parent.value()));
            current = parent.child(segment);
            if (children.stream().noneMatch(f -> f.name().equals(segment))) {
                return Optional.of(current.value());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- 5 token scope

    private boolean scope() {
        if (tokenInfo.isEmpty()) {
            skip(5, "token scope", "not a service token (a machine identity is limited by its project role)");
            return true;
        }
        ServiceTokenInfo info = tokenInfo.get();
        boolean recursive = settings.listOptions().recursive();
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        for (SecretPath path : settings.secretsPaths()) {
            String p = path.value();
            if (info.isFixedLocation()) {
                TokenScope s = info.scopes().get(0);
                if (!s.environment().equals(environment) || !SecretPath.of(s.path()).value().equals(p)) {
                    problems.add("the token is scoped to " + s + " without a glob: the server answers every read with "
                            + s + " whatever is asked, so " + environment + ":" + p + " would silently return "
                            + s.path() + "'s secrets (the library refuses the read)");
                    wanted.add(glob(p));
                } else if (recursive) {
                    warnings.add("recursive reads never descend with the non-glob scope " + s
                            + ": sub-folders of " + p + " are silently missing");
                    wanted.add(glob(p));
                }
                continue;
            }
            Optional<TokenScope> match = info.scopes().stream()
                    .filter(s -> s.environment().equals(environment) && matches(s.path(), p)).findFirst();
            if (match.isEmpty()) {
                problems.add(environment + ":" + p + " is outside the token's scopes " + info.scopes()
                        + ": the server answers 403 \"You are not allowed to read on secrets\"");
                wanted.add(glob(p));
            } else if (recursive && !match.get().path().endsWith("**")) {
                warnings.add("recursive read of " + p + " with scope " + match.get() + ": the server drops every "
                        + "sub-folder outside the scope without saying so");
                wanted.add(glob(p));
            } else if (recursive && !covers(match.get().path(), p)) {
                warnings.add("recursive read of " + p + " returns only what " + match.get() + " covers");
            }
        }
        boolean canRead = info.permissions().stream().anyMatch(x -> x.equalsIgnoreCase("read"));
        boolean canWrite = info.permissions().stream().anyMatch(x -> x.equalsIgnoreCase("write"));
        if (!canRead) {
            problems.add("the token has no read permission");
        }
        String create = "create a service token with scope " + environment + ":"
                + (wanted.isEmpty() ? glob(settings.secretsPaths().get(0).value()) : String.join(" and " + environment + ":", wanted))
                + " and permission read" + (canWrite ? "+write" : "")
                + " (in the UI type the path literally, e.g. /app/**: there is no sub-folder checkbox)";
        List<String> details = new ArrayList<>();
        details.add("scopes " + info.scopes() + ", permissions " + info.permissions());
        if (!canWrite) {
            details.add("read-only: secrets set, folders create and rotate get 403 with this token");
        }
        if (!problems.isEmpty()) {
            details.addAll(warnings);
            add(5, Status.FAIL, String.join("; ", problems), create, details);
            return false;
        }
        if (!warnings.isEmpty()) {
            add(5, Status.WARN, String.join("; ", warnings), create, details);
            return true;
        }
        add(5, Status.PASS, "the token's scope covers " + environment + ":" + settings.secretsPaths().stream()
                .map(SecretPath::value).reduce((a, b) -> a + ", " + b).orElse("/"), "", details);
        return true;
    }

    private static String glob(String path) {
        return path.equals("/") ? "/**" : path + "/**";
    }

    /** Whether a scope path (maybe a glob) admits {@code path}, the way the server matches. */
    static boolean matches(String scope, String path) {
        String s = scope.length() > 1 && scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
        if (s.equals("/**") || s.equals("**")) {
            return true;
        }
        if (s.endsWith("/**")) {
            String base = s.substring(0, s.length() - 3);
            return path.equals(base) || path.startsWith(base + "/");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : s.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> "[^/]*";
                case '?' -> "[^/]";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return path.matches(regex.toString());
    }

    private static boolean covers(String scope, String path) {
        return scope.equals("/**") || (scope.endsWith("/**") && path.startsWith(scope.substring(0, scope.length() - 3)));
    }

    // ---------------------------------------------------------------- 6 imports

    private void imports() {
        List<String> details = new ArrayList<>();
        Status status = Status.PASS;
        int imported = 0;
        for (SecretPath path : settings.secretsPaths()) {
            SecretListing listing;
            try {
                listing = client.secrets().list(Scope.of(project, environment, path.value()),
                        new ListOptions(false, true, false));
            } catch (RateLimitException e) {
                rateLimited = e;
                add(6, Status.FAIL, "rate limited: " + e.getMessage(), "see check 7", details);
                return;
            } catch (InfisicalException e) {
                add(6, Status.FAIL, environment + ":" + path.value() + " cannot be listed: " + serverSaid(e),
                        "see the checks above", details);
                return;
            }
            Set<String> local = new LinkedHashSet<>();
            listing.secrets().forEach(s -> local.add(s.key()));
            Map<String, String> winner = new LinkedHashMap<>();
            for (ImportedSecrets imp : listing.imports()) {
                String from = imp.environment() + ":" + imp.path().value();
                List<String> keys = imp.secrets().stream().map(Secret::key).toList();
                imported += keys.size();
                List<String> shadowed = keys.stream().filter(local::contains).toList();
                details.add(environment + ":" + path.value() + " imports " + keys.size() + " from " + from + keys(keys)
                        + (shadowed.isEmpty() ? "" : "; the local " + String.join(", ", shadowed) + " win"));
                keys.stream().filter(k -> !local.contains(k)).forEach(k -> winner.put(k, from));
            }
            if (!path.isRoot()) {
                List<String> fromRoot = listing.secrets().stream()
                        .filter(s -> !s.source().imported() && s.source().path().isRoot()).map(Secret::key).toList();
                if (!fromRoot.isEmpty()) {
                    status = Status.WARN;
                    details.add("info: " + fromRoot.size() + " secrets of " + environment + ":/ come back for "
                            + path.value() + keys(fromRoot) + ": root secrets inherited into a sub-path (the field "
                            + "guide's inheritance note); scope the token to " + glob(path.value()) + " to keep them out");
                } else {
                    details.add("info: no root secrets are inherited into " + path.value() + " (the server returns "
                            + "/ secrets for a sub-path only through a /-scoped service token or an import)");
                }
            }
        }
        if (imported == 0) {
            details.add(0, "no imports");
        }
        add(6, status, imported == 0 ? "no secrets are imported into the configured paths"
                : imported + " imported secret" + (imported == 1 ? " is" : "s are") + " visible (local keys win over "
                        + "imports; among imports the last one wins)", status == Status.WARN
                ? "scope the service token to the sub-path only (e.g. /app/**) if the root secrets must stay out" : "",
                details);
    }

    private static String keys(List<String> keys) {
        if (keys.isEmpty()) {
            return "";
        }
        List<String> shown = keys.size() > 8 ? keys.subList(0, 8) : keys;
        return " (" + String.join(", ", shown) + (keys.size() > shown.size() ? ", …" : "") + ")";
    }

    // ---------------------------------------------------------------- 7 limits and clock

    private void limits(boolean hostOk) {
        if (!hostOk) {
            skip(7, "limits & clock", "needs the host (check 1)");
            return;
        }
        List<String> details = new ArrayList<>();
        Status result = Status.PASS;
        String message;
        String fix = "";
        // clock skew: the status answer's own date, else the Date header
        Optional<Instant> serverTime = serverTime(status);
        Duration skew = Duration.ZERO;
        if (serverTime.isPresent()) {
            Instant local = statusSentAt.plus(status.elapsed().dividedBy(2));
            skew = Duration.between(serverTime.get(), local);
            details.add("clock: this machine is " + describe(skew) + " the server");
        } else {
            details.add("clock: the server sent no date to compare with");
        }
        // rate limits: the library's 429, then the server's headers on a service-token request
        Optional<Probe.Response> limited = Optional.empty();
        if (client != null && tokenInfo.isPresent() && settings.credentials() instanceof Credentials.ServiceToken st) {
            try {
                Probe.Response r = probe.get(settings.hostApi() + "/v2/service-token", Optional.of(threeParts(st.token())));
                limited = Optional.of(r);
            } catch (Probe.Unreachable e) {
                details.add("rate limits: not measured (" + e.getMessage() + ")");
            }
        }
        if (rateLimited != null || limited.filter(r -> r.status() == 429).isPresent()) {
            String retry = limited.flatMap(r -> r.header("retry-after")).map(s -> s + " s")
                    .orElse(rateLimited != null ? rateLimited.retryAfter().toSeconds() + " s" : "?");
            result = Status.FAIL;
            message = "the server answers 429 Too Many Requests (retry after " + retry + ")";
            fix = "limits count per route and client IP, not per token: every process behind this IP (operators "
                    + "polling every resyncInterval, CI jobs) shares them. Raise resyncInterval, cache with live "
                    + "secrets instead of polling, or raise the server's limits";
        } else if (limited.isPresent() && limited.get().header("x-ratelimit-limit").isPresent()) {
            Probe.Response r = limited.get();
            long max = parse(r.header("x-ratelimit-limit").get());
            long left = parse(r.header("x-ratelimit-remaining").orElse("-1"));
            details.add("rate limits: " + left + " of " + max + " requests left on this route for this IP, window resets in "
                    + r.header("x-ratelimit-reset").orElse("?") + " s");
            message = "rate-limit headroom " + left + "/" + max + " per minute";
            if (max > 0 && left >= 0 && left * 4 < max) {
                result = Status.WARN;
                message = "little rate-limit headroom: " + left + " of " + max + " left this minute";
                fix = "something else behind this IP is using the server's per-IP limit; space out polling";
            }
        } else {
            message = "no 429 during the checks";
            details.add("rate limits: the server sent no x-ratelimit-* headers to doctor (free-plan servers allow 40 "
                    + "secret reads per minute per route and IP)");
        }
        if (skew.abs().compareTo(SKEW_WARNING) > 0) {
            if (result == Status.PASS) {
                result = Status.WARN;
                fix = "sync this machine's clock (timedatectl set-ntp true, or chrony): token expiry, TLS validity "
                        + "and signed logins compare times";
            }
            message = message + "; clock is " + describe(skew) + " the server";
        } else if (serverTime.isPresent()) {
            message = message + "; clock within " + SKEW_WARNING.toSeconds() + " s of the server";
        }
        add(7, result, message, fix, details);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String threeParts(String token) {
        String[] p = token.split("\\.");
        return p.length > 3 ? p[0] + "." + p[1] + "." + p[2] : token;
    }

    private static final Pattern ISO_DATE = Pattern.compile("\"date\"\\s*:\\s*\"([^\"]+)\"");

    static Optional<Instant> serverTime(Probe.Response r) {
        Matcher m = ISO_DATE.matcher(r.body());
        if (m.find()) {
            try {
                return Optional.of(Instant.parse(m.group(1)));
            } catch (DateTimeParseException ignored) {
                // fall back to the header
            }
        }
        return r.header("date").flatMap(d -> {
            try {
                return Optional.of(ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private static String describe(Duration skew) {
        long s = Math.round(skew.abs().toMillis() / 1000.0);
        if (s < 2) {
            return "in step with";
        }
        long minutes = Math.round(s / 60.0);
        String amount = s >= 3600 ? (s / 3600) + " h " + (s % 3600 / 60) + " min" : s >= 120 ? minutes + " min" : s + " s";
        return amount + (skew.isNegative() ? " behind" : " ahead of");
    }

    // ---------------------------------------------------------------- helpers

    private void add(int number, Status status, String message, String fix) {
        add(number, status, message, fix, List.of());
    }

    private void add(int number, Status status, String message, String fix, List<String> details) {
        checks.add(new Check(number, NAMES[number], status, message, fix, details));
    }

    private void skip(int number, String name, String why) {
        checks.add(new Check(number, name, Status.SKIP, why, "", List.of()));
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }
}
