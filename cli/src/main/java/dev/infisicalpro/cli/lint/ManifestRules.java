package dev.infisicalpro.cli.lint;

import dev.infisicalpro.cli.lint.Findings.Doc;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes rules. They run over every manifest of one lint run at once, because the guide's
 * traps are about relations: an InfisicalSecret and the auth Secret it points at, the Secret it
 * manages and the Deployments (or Infisical itself) that read it.
 *
 * <p>Over 400 lines because the rules share one pass over the collected manifests (the cross-references
 * are built once and every rule reads them); each rule is a method of a few dozen lines.
 */
final class ManifestRules {

    static final String AUTO_RELOAD = "secrets.infisical.com/auto-reload";
    private static final Set<String> RELOADABLE = Set.of("Deployment", "StatefulSet", "DaemonSet");
    private static final String UNIVERSAL = "universal auth";
    private static final String SERVICE_TOKEN = "service-token auth";

    /** One Kubernetes object. */
    record Manifest(Doc doc, Node root, String kind, String name, Optional<String> namespace) {
        String label() {
            return kind + " " + namespace.map(ns -> ns + "/").orElse("") + name;
        }

        Node nameNode() {
            return root.at("metadata", "name").orElse(root);
        }

        String where() {
            return doc.file() + ":" + (nameNode().line() + doc.lineOffset());
        }

        boolean sameObject(String otherName, Optional<String> otherNamespace) {
            return name.equals(otherName)
                    && (namespace.isEmpty() || otherNamespace.isEmpty() || namespace.equals(otherNamespace));
        }
    }

    /** A reference from an InfisicalSecret to a Secret. */
    record SecretRef(Manifest from, Node at, String name, Optional<String> namespace, String method) {
    }

    /** A place where a workload reads a Secret. */
    record Consumption(Node at, String secretName) {
    }

    private final List<Manifest> manifests = new ArrayList<>();
    private final Findings out;

    ManifestRules(List<Doc> docs, Findings out) {
        this.out = out;
        for (Doc doc : docs) {
            collect(doc, doc.root());
        }
    }

    private void collect(Doc doc, Node root) {
        Optional<String> kind = root.text("kind");
        if (kind.isEmpty() || root.text("apiVersion").isEmpty()) {
            return; // not a Kubernetes object (Spring application.yml, CI files, …)
        }
        if (kind.get().equals("List")) {
            root.at("items").ifPresent(items -> items.items().forEach(item -> collect(doc, item)));
            return;
        }
        manifests.add(new Manifest(doc, root, kind.get(), root.text("metadata", "name").orElse("(unnamed)"),
                root.text("metadata", "namespace").filter(s -> !s.isBlank())));
    }

    void run() {
        List<SecretRef> authRefs = new ArrayList<>();
        List<SecretRef> managed = new ArrayList<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("InfisicalSecret")) {
                infisicalSecret(m, authRefs, managed);
            }
        }
        for (Manifest m : manifests) {
            if (m.kind().equals("Secret")) {
                secret(m, authRefs, managed);
            }
            annotationPlacement(m);
            podSpec(m).ifPresent(spec -> workload(m, spec, managed));
        }
        java.util.Set<String> reported = new java.util.HashSet<>();
        for (SecretRef ref : authRefs) {
            missingAuthKeys(ref, reported);
        }
    }

    // ---------------------------------------------------------------- InfisicalSecret

    private void infisicalSecret(Manifest m, List<SecretRef> authRefs, List<SecretRef> managed) {
        Node spec = m.root().get("spec").orElse(m.root());
        spec.at("hostAPI").ifPresent(host -> hostApi(m, host));
        spec.at("resyncInterval").ifPresent(interval -> resync(m, interval));
        for (String parent : new String[] {"spec", "spec.authentication"}) {
            Node holder = parent.equals("spec") ? spec : spec.get("authentication").orElse(null);
            Node.Entry scope = holder == null ? null : holder.entries().get("secretsScope");
            if (scope != null) {
                out.add(m.doc(), scope, Rule.CRD_SCOPE_PLACEMENT, "secretsScope under " + parent
                        + " is ignored by the operator, which then reads the project root: move it into "
                        + "spec.authentication.universalAuth (or serviceToken)");
            }
        }
        Node auth = spec.get("authentication").orElse(null);
        if (auth != null) {
            auth.at("universalAuth", "credentialsRef").ifPresent(ref -> authRef(m, ref, UNIVERSAL, authRefs));
            auth.at("serviceToken", "serviceTokenSecretReference")
                    .ifPresent(ref -> authRef(m, ref, SERVICE_TOKEN, authRefs));
            auth.at("serviceToken").ifPresent(st -> tokenScope(m, st));
        }
        spec.at("managedSecretReference").ifPresent(ref -> managedRef(m, ref, managed));
        spec.at("managedKubeSecretReferences").ifPresent(list -> list.items().forEach(ref -> managedRef(m, ref, managed)));
    }

    private void authRef(Manifest m, Node ref, String method, List<SecretRef> refs) {
        ref.text("secretName").ifPresent(name -> refs.add(new SecretRef(m, ref, name,
                ref.text("secretNamespace").filter(s -> !s.isBlank()).or(m::namespace), method)));
    }

    private void managedRef(Manifest m, Node ref, List<SecretRef> managed) {
        ref.text("secretName").ifPresent(name -> managed.add(new SecretRef(m, ref, name,
                ref.text("secretNamespace").filter(s -> !s.isBlank()).or(m::namespace), "managed")));
    }

    private void hostApi(Manifest m, Node host) {
        String value = host.asText().orElse("").strip();
        if (value.contains("${") || value.contains("{{")) {
            return; // a template variable: checked when it is rendered, not here
        }
        String fix = "; write the API root, e.g. https://infisical.example.com/api";
        if (value.contains("<") || value.contains(">")) {
            out.add(m.doc(), host, Rule.CRD_HOST_API, "hostAPI \"" + value + "\" is still a placeholder" + fix);
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            out.add(m.doc(), host, Rule.CRD_HOST_API, "hostAPI \"" + value + "\" is not a URL" + fix);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            out.add(m.doc(), host, Rule.CRD_HOST_API,
                    "hostAPI \"" + value + "\" needs an http:// or https:// scheme and a host" + fix);
            return;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        String root = scheme + "://" + uri.getRawAuthority();
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            out.add(m.doc(), host, Rule.CRD_HOST_API, "hostAPI has a query or fragment; use " + root + "/api");
        } else if (path.endsWith("/api/api")) {
            out.add(m.doc(), host, Rule.CRD_HOST_API,
                    "hostAPI ends in /api/api: the API root is " + root + path.substring(0, path.length() - 4));
        } else if (path.contains("/api/")) {
            out.add(m.doc(), host, Rule.CRD_HOST_API, "hostAPI names a route after /api (" + path
                    + "): the operator appends the routes itself; use " + root
                    + path.substring(0, path.indexOf("/api/") + 4));
        } else if (!path.endsWith("/api")) {
            out.add(m.doc(), host, Rule.CRD_HOST_API_ROOT, "hostAPI has no /api: operators that call hostAPI + "
                    + "/v3/... reach the web app instead of the API; use " + root + path + "/api");
        }
        if (scheme.equals("http") && !Hosts.isLocalOrClusterInternal(uri.getHost())) {
            out.add(m.doc(), host, Rule.CRD_HOST_API_PLAINTEXT, "hostAPI sends the token over plain http to "
                    + uri.getHost() + ", outside the cluster: use https://");
        }
    }

    private void resync(Manifest m, Node interval) {
        Optional<Long> seconds = seconds(interval);
        if (seconds.isEmpty()) {
            out.add(m.doc(), interval, Rule.CRD_RESYNC_INTERVAL, "resyncInterval \"" + interval.asText().orElse("")
                    + "\" is not a number of seconds (the operator's default is 60)");
        } else if (seconds.get() < 10) {
            out.add(m.doc(), interval, Rule.CRD_RESYNC_INTERVAL, "resyncInterval " + seconds.get()
                    + " s polls the server " + (seconds.get() <= 0 ? "constantly" : (60 / seconds.get()) + " times a minute")
                    + " per InfisicalSecret from the operator's one IP; servers limit secret reads per IP "
                    + "(40/min on the free plan), so a few of these starve each other: use 60");
        } else if (seconds.get() > 86_400) {
            out.add(m.doc(), interval, Rule.CRD_RESYNC_INTERVAL, "resyncInterval " + seconds.get()
                    + " s: a rotated secret can take over a day to reach the pods; use at most 3600");
        }
    }

    private static Optional<Long> seconds(Node interval) {
        String text = interval.asText().orElse("").strip();
        Matcher m = Pattern.compile("(-?\\d+)\\s*(s|m|h)?").matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return Optional.of(switch (unit) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        });
    }

    private void tokenScope(Manifest m, Node serviceToken) {
        Optional<Node> pathNode = serviceToken.at("secretsScope", "secretsPath");
        String path = pathNode.flatMap(Node::asText).orElse("/").strip();
        String normal = path.replaceAll("/+$", "");
        if (normal.isEmpty()) {
            return;
        }
        if (!normal.startsWith("/")) {
            normal = "/" + normal;
        }
        out.add(m.doc(), pathNode.orElse(serviceToken), Rule.CRD_TOKEN_SCOPE, "service-token auth with secretsPath "
                + path + ": the token must be scoped to " + normal + "/** (or /**); a token scoped to / ignores "
                + "secretsPath and the operator syncs the root secrets instead (create the token with path "
                + normal + "/**)");
    }

    private void missingAuthKeys(SecretRef ref, java.util.Set<String> reported) {
        for (Manifest secret : manifests) {
            if (!secret.kind().equals("Secret") || !secret.sameObject(ref.name(), ref.namespace())) {
                continue;
            }
            Map<String, Node.Entry> keys = keys(secret);
            List<String> required = ref.method().equals(UNIVERSAL) ? List.of("clientId", "clientSecret")
                    : List.of("infisicalToken");
            for (String key : required) {
                boolean misspelled = keys.keySet().stream().anyMatch(k -> !k.equals(key) && canonical(k, ref.method()).equals(key));
                if (!keys.containsKey(key) && !misspelled && reported.add(secret.where() + " " + key)) {
                    out.add(secret.doc(), secret.nameNode(), Rule.AUTH_SECRET_MISSING_KEY, secret.label()
                            + " has no " + key + " key, but InfisicalSecret " + ref.from().name() + " ("
                            + ref.from().where() + ") uses it for " + ref.method() + ", which reads "
                            + String.join(" and ", required));
                }
            }
        }
    }

    // ---------------------------------------------------------------- Secret

    private void secret(Manifest m, List<SecretRef> authRefs, List<SecretRef> managed) {
        Optional<SecretRef> usedFor = authRefs.stream().filter(r -> m.sameObject(r.name(), r.namespace())).findFirst();
        boolean managedTarget = managed.stream().anyMatch(r -> m.sameObject(r.name(), r.namespace()));
        boolean auth = usedFor.isPresent()
                || (!managedTarget && m.name().toLowerCase(Locale.ROOT).contains("infisical"));
        String method = usedFor.map(SecretRef::method).orElse("");

        m.root().at("data").ifPresent(data -> data.entries().values().forEach(e -> {
            String raw = e.value().asText().orElse("");
            String compact = raw.replaceAll("[\\r\\n]", "");
            Optional<String> decoded = decode(compact);
            if (decoded.isEmpty()) {
                out.add(m.doc(), e.value(), Rule.SECRET_BASE64, "data." + e.key() + " of " + m.label()
                        + " is not valid base64, so kubectl rejects the Secret: encode it with `base64 -w0` "
                        + "or move it to stringData");
            } else {
                weakValue(m.doc(), e.value(), e.key(), decoded.get(), m.label());
            }
        }));
        m.root().at("stringData").ifPresent(data -> data.entries().values().forEach(e -> {
            String value = e.value().asText().orElse("");
            weakValue(m.doc(), e.value(), e.key(), value, m.label());
            String canonical = canonical(e.key(), method);
            boolean credential = canonical.equals("infisicalToken") || canonical.equals("clientSecret");
            if (auth && credential && !value.isBlank() && !value.contains("${")) {
                out.add(m.doc(), e.value(), Rule.SECRET_STRINGDATA_TOKEN, "stringData." + e.key() + " of " + m.label()
                        + " puts the Infisical credential in plaintext in this manifest: create the Secret "
                        + "out of band (kubectl create secret generic " + m.name() + " --from-literal="
                        + canonical + "=\"$VALUE\") and keep it out of version control");
            }
        }));
        if (auth) {
            keys(m).values().forEach(e -> {
                String canonical = canonical(e.key(), method);
                if (!canonical.isEmpty() && !canonical.equals(e.key())) {
                    out.add(m.doc(), e, Rule.AUTH_SECRET_KEY_NAME, "key \"" + e.key() + "\" in " + m.label()
                            + " is not read by the operator: rename it to " + canonical
                            + " (the operator reads camelCase clientId / clientSecret / infisicalToken; "
                            + "other spellings fail auth silently)");
                }
            });
        }
    }

    /**
     * The operator's key name that {@code key} is a spelling of ({@code client_id} → {@code clientId}),
     * or "" when it is none of them.
     */
    static String canonical(String key, String method) {
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (k.endsWith("clientid")) {
            return "clientId";
        }
        if (k.endsWith("clientsecret")) {
            return "clientSecret";
        }
        if (k.equals("infisicaltoken") || k.equals("infisicalservicetoken")
                || (method.equals(SERVICE_TOKEN) && (k.equals("token") || k.equals("servicetoken")))) {
            return "infisicalToken";
        }
        return "";
    }

    private static Map<String, Node.Entry> keys(Manifest secret) {
        Map<String, Node.Entry> keys = new LinkedHashMap<>();
        secret.root().at("data").ifPresent(d -> keys.putAll(d.entries()));
        secret.root().at("stringData").ifPresent(d -> keys.putAll(d.entries()));
        return keys;
    }

    private static Optional<String> decode(String base64) {
        if (base64.isEmpty()) {
            return Optional.of("");
        }
        // Kubernetes decodes with Go's StdEncoding: padded, standard alphabet only
        if (base64.length() % 4 != 0 || !base64.matches("[A-Za-z0-9+/]*={0,2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- weak values

    private void weakValue(Doc doc, Node at, String name, String value, String owner) {
        String upper = name.toUpperCase(Locale.ROOT);
        String secret = value;
        String what = name;
        if (CredentialNames.isConnectionString(upper)) {
            Optional<String> password = CredentialNames.uriPassword(value);
            if (password.isEmpty()) {
                return;
            }
            secret = password.get();
            what = "the password in " + name;
        } else if (!CredentialNames.needsEntropy(upper)) {
            return;
        }
        if (secret.isEmpty() || secret.startsWith("$(") || secret.contains("${")) {
            return;
        }
        long distinct = secret.chars().distinct().count();
        if (secret.length() < 32 || distinct < 10) {
            out.add(doc, at, Rule.WEAK_SECRET_VALUE, what + " in " + owner + " is " + secret.length()
                    + " characters" + (secret.length() >= 32 ? " but only " + distinct + " distinct ones" : "")
                    + ": the guide asks for 32-48 random characters (" + CredentialNames.generator(upper) + ")");
        }
    }

    // ---------------------------------------------------------------- annotations

    private void annotationPlacement(Manifest m) {
        m.root().at("metadata", "annotations").map(a -> a.entries().get(AUTO_RELOAD)).ifPresent(e -> {
            if (!RELOADABLE.contains(m.kind())) {
                out.add(m.doc(), e, Rule.AUTO_RELOAD_PLACEMENT, AUTO_RELOAD + " on a " + m.kind()
                        + " does nothing: put it on the Deployment (or StatefulSet/DaemonSet) that reads the Secret");
            }
        });
        m.root().at("spec", "template", "metadata", "annotations").map(a -> a.entries().get(AUTO_RELOAD))
                .ifPresent(e -> out.add(m.doc(), e, Rule.AUTO_RELOAD_PLACEMENT, AUTO_RELOAD
                        + " in the pod template is not read: move it to the " + m.kind() + "'s own metadata.annotations"));
    }

    // ---------------------------------------------------------------- workloads

    private static Optional<Node> podSpec(Manifest m) {
        return switch (m.kind()) {
            case "Pod" -> m.root().at("spec");
            case "CronJob" -> m.root().at("spec", "jobTemplate", "spec", "template", "spec");
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                    m.root().at("spec", "template", "spec");
            default -> Optional.empty();
        };
    }

    private static List<Node> containers(Node spec) {
        List<Node> all = new ArrayList<>();
        for (String key : new String[] {"initContainers", "containers", "ephemeralContainers"}) {
            spec.at(key).ifPresent(list -> all.addAll(list.items()));
        }
        return all;
    }

    private void workload(Manifest m, Node spec, List<SecretRef> managed) {
        List<Consumption> reads = new ArrayList<>();
        for (Node container : containers(spec)) {
            String containerName = container.text("name").orElse("?");
            for (Node env : container.at("env").map(Node::items).orElse(List.of())) {
                env.at("valueFrom", "secretKeyRef", "name")
                        .ifPresent(n -> reads.add(new Consumption(n, n.asText().orElse(""))));
                Optional<String> name = env.text("name");
                Optional<Node> value = env.at("value");
                if (name.isPresent() && value.isPresent() && value.get() instanceof Node.Scalar s
                        && s.type() == Node.Scalar.Type.STRING) {
                    literalEnv(m, containerName, name.get(), s);
                }
            }
            for (Node from : container.at("envFrom").map(Node::items).orElse(List.of())) {
                from.at("secretRef", "name").ifPresent(n -> reads.add(new Consumption(n, n.asText().orElse(""))));
            }
        }
        for (Node volume : spec.at("volumes").map(Node::items).orElse(List.of())) {
            volume.at("secret", "secretName").ifPresent(n -> reads.add(new Consumption(n, n.asText().orElse(""))));
            for (Node source : volume.at("projected", "sources").map(Node::items).orElse(List.of())) {
                source.at("secret", "name").ifPresent(n -> reads.add(new Consumption(n, n.asText().orElse(""))));
            }
        }

        boolean infisicalItself = isInfisicalCore(m) || isInfisicalPostgres(m);
        Optional<Consumption> firstManaged = Optional.empty();
        for (Consumption read : reads) {
            Optional<SecretRef> by = managed.stream()
                    .filter(r -> r.name().equals(read.secretName())
                            && (r.namespace().isEmpty() || m.namespace().isEmpty() || r.namespace().equals(m.namespace())))
                    .findFirst();
            if (by.isEmpty()) {
                continue;
            }
            if (firstManaged.isEmpty()) {
                firstManaged = Optional.of(read);
            }
            if (infisicalItself) {
                out.add(m.doc(), read.at(), Rule.ANTI_INCEPTION, m.label() + " is "
                        + (isInfisicalCore(m) ? "Infisical itself" : "Infisical's database") + " but reads Secret "
                        + read.secretName() + ", which InfisicalSecret " + by.get().from().name() + " ("
                        + by.get().from().where() + ") manages: when Infisical is down nothing can sync it and "
                        + "Infisical cannot start. Create " + read.secretName()
                        + " by hand (kubectl create secret generic) and drop the InfisicalSecret");
            }
        }
        if (firstManaged.isPresent() && !infisicalItself && RELOADABLE.contains(m.kind())
                && m.root().at("metadata", "annotations").flatMap(a -> a.get(AUTO_RELOAD)).isEmpty()) {
            out.add(m.doc(), m.nameNode(), Rule.AUTO_RELOAD_MISSING, m.label() + " reads operator-managed Secret "
                    + firstManaged.get().secretName() + " without " + AUTO_RELOAD + ": \"true\", so its pods keep "
                    + "old values until restarted (leave it off on purpose only while rotating a DB password)");
        }
    }

    private void literalEnv(Manifest m, String container, String name, Node.Scalar value) {
        String text = value.value();
        String upper = name.toUpperCase(Locale.ROOT);
        if (text.isBlank() || text.matches("(\\$\\([A-Za-z_][A-Za-z0-9_]*\\))+")) {
            return; // empty, or only Kubernetes $(VAR) references to other env vars
        }
        boolean uriWithPassword = CredentialNames.isConnectionString(upper) && CredentialNames.uriPassword(text)
                .filter(p -> !p.matches("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)")).isPresent();
        if (CredentialNames.looksLikeCredential(upper) || uriWithPassword) {
            out.add(m.doc(), value, Rule.PLAINTEXT_CREDENTIAL, "env " + name + " of container " + container + " in "
                    + m.label() + " has a literal " + (uriWithPassword ? "password in its value" : "value")
                    + ": store it in a Secret and use valueFrom: {secretKeyRef: {name: <secret>, key: " + name
                    + "}} (or envFrom)");
        }
        weakValue(m.doc(), value, name, text, m.label());
    }

    private static boolean isInfisicalCore(Manifest m) {
        for (String image : images(m)) {
            String repo = image.toLowerCase(Locale.ROOT).replaceAll("[:@].*$", "");
            if (repo.matches("(.*/)?infisical/infisical(-[a-z0-9-]+)?") && !repo.contains("operator")) {
                return true;
            }
        }
        return false;
    }

    private boolean isInfisicalPostgres(Manifest m) {
        boolean postgres = images(m).stream().anyMatch(i -> i.toLowerCase(Locale.ROOT).contains("postgres"));
        if (!postgres) {
            return false;
        }
        String labels = m.root().at("metadata", "labels").map(l -> l.entries().toString()).orElse("");
        if ((m.name() + " " + m.namespace().orElse("") + " " + labels).toLowerCase(Locale.ROOT).contains("infisical")) {
            return true;
        }
        for (Manifest other : manifests) {
            if (other != m && isInfisicalCore(other)) {
                if (other.namespace().isPresent() && other.namespace().equals(m.namespace())) {
                    return true;
                }
                if (dbHosts(other).stream().anyMatch(h -> h.equals(m.name()) || h.startsWith(m.name() + "."))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Hosts named in literal DB_CONNECTION_URI values (never their passwords). */
    private static List<String> dbHosts(Manifest m) {
        List<String> hosts = new ArrayList<>();
        podSpec(m).ifPresent(spec -> containers(spec).forEach(c -> c.at("env").map(Node::items).orElse(List.of())
                .forEach(env -> env.text("value").ifPresent(v -> {
                    Matcher h = Pattern.compile("^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^:/?]+)").matcher(v);
                    if (h.find()) {
                        hosts.add(h.group(1));
                    }
                }))));
        return hosts;
    }

    private static List<String> images(Manifest m) {
        List<String> images = new ArrayList<>();
        podSpec(m).ifPresent(spec -> containers(spec).forEach(c -> c.text("image").ifPresent(images::add)));
        return images;
    }
}
