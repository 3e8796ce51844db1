package dev.infisicalpro.internal;

import dev.infisicalpro.FailedRequest;
import dev.infisicalpro.FolderNotFoundException;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.ValidationException;
import dev.infisicalpro.ImportedSecrets;
import dev.infisicalpro.ListOptions;
import dev.infisicalpro.NewSecret;
import dev.infisicalpro.PermissionDeniedException;
import dev.infisicalpro.Provenance;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretListing;
import dev.infisicalpro.SecretNotFoundException;
import dev.infisicalpro.SecretPath;
import dev.infisicalpro.SecretType;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.Secrets;
import dev.infisicalpro.ServiceTokenInfo;
import dev.infisicalpro.WriteOptions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.infisicalpro.internal.ProjectResolver.entry;

/**
 * Secret operations over the v3 raw routes. Reads go through the scope guard and the response cache;
 * {@code get}/{@code find} ask the get-one route where its answer is unambiguous and the folder's listing
 * otherwise ({@code getOne}; the table in docs/architecture.md, "Reads: which route answers get"). Not API.
 *
 * <p>Over 400 lines because it is the one place that knows the secret routes' wire shapes (single,
 * batch, get-one, listing with imports) and the server quirks each needs (trimmed keys, the 100-character
 * URL segment limit, PATCH without a value on older servers, withheld values). Splitting reads from writes
 * would spread those quirks over two classes that must agree; the shared helpers (scope, body base,
 * answer checks) are what keeps them agreeing.
 */
final class HttpSecrets implements Secrets {

    /** Infisical matches no route for a path parameter longer than this (decoded characters). */
    static final int MAX_KEY_IN_URL = 100;
    /** The key column is varchar(500): longer keys make the server answer 500. */
    static final int MAX_KEY = 500;
    /**
     * What newer servers send instead of a value the caller may not read (no read-value permission, or
     * {@code viewSecretValue=false}), with {@code secretValueHidden: true}: never a value to hand out.
     */
    static final String HIDDEN_VALUE = "<hidden-by-infisical>";
    /** OCT24's zod issue for a PATCH without a value: "secretValue: Required" / "secrets.0.secretValue: Required". */
    private static final String VALUE_REQUIRED = "secretValue: Required";

    private final Transport transport;
    private final ServiceTokenDescription tokens;
    private final ProjectResolver projects;
    private final ResponseCache cache;
    private final HttpFolders folders;

    HttpSecrets(Transport transport, ServiceTokenDescription tokens, ProjectResolver projects, ResponseCache cache,
                HttpFolders folders) {
        this.transport = transport;
        this.tokens = tokens;
        this.projects = projects;
        this.cache = cache;
        this.folders = folders;
    }

    // ---------------------------------------------------------------- reads

    @Override
    public SecretListing list(Scope scope, ListOptions options) {
        if (cache.enabled()) {
            return cached(scope, options).listing();
        }
        return fetch(scope, options, null).orElseThrow();
    }

    /**
     * The cached entry of a listing: fresh as is; past its TTL revalidated with {@code If-None-Match} (a 304
     * keeps listing and index, nothing parsed); absent fetched.
     */
    private ResponseCache.Entry cached(Scope scope, ListOptions options) {
        ResponseCache.Key key = new ResponseCache.Key(scope, options);
        ResponseCache.Entry fresh = cache.fresh(key);
        if (fresh != null) {
            return fresh;
        }
        ResponseCache.Entry stale = cache.any(key);
        long generation = cache.generation(); // taken before fetching: a write meanwhile makes this answer stale
        String etag = stale == null ? "" : stale.listing().etag();
        Optional<SecretListing> answer = fetch(scope, options, etag.isEmpty() ? null : etag);
        return answer.isPresent() ? cache.put(key, answer.get(), generation) : cache.confirm(key, stale, generation);
    }

    @Override
    public Optional<SecretListing> listIfChanged(Scope scope, ListOptions options, String etag) {
        Objects.requireNonNull(etag, "etag (pass \"\" for a plain list)");
        long generation = cache.generation();
        Optional<SecretListing> listing = fetch(scope, options, etag.isEmpty() ? null : etag);
        listing.ifPresent(l -> cache.put(new ResponseCache.Key(scope, options), l, generation));
        return listing;
    }

    @Override
    public Secret get(Scope scope, String key) {
        return find(scope, key).orElseThrow(() -> new SecretNotFoundException("secret '" + key + "' not found in "
                + scope.environment() + ":" + scope.path(),
                "check the key (case-sensitive), the environment slug and the path; imports were searched too"));
    }

    /**
     * With the response cache on: a lookup in the cached listing's effective-secret index (revalidated by
     * a 304 when past its TTL). With it off: the get-one route ({@code GET /v3/secrets/raw/<key>}, one
     * secret down instead of the folder) where its answer is unambiguous, else the folder's listing, which
     * applies imports, references and provenance exactly like {@code list} (see {@link #getOne}).
     */
    @Override
    public Optional<Secret> find(Scope scope, String key) {
        requireKey(key);
        ListOptions options = ListOptions.defaults();
        if (cache.enabled()) {
            return Optional.ofNullable(cached(scope, options).effective().get(key));
        }
        Secret one = getOne(scope, key);
        if (one != null) {
            return Optional.of(one);
        }
        return Optional.ofNullable(fetch(scope, options, null).orElseThrow().effective().get(key));
    }

    /**
     * The folder's own secret {@code key} through the get-one route, or null when only the listing can
     * answer it as {@code list} would. The route is asked for the stored value without imports and without
     * reference expansion ({@code include_imports=false}, {@code expandSecretReferences=false}), and its
     * answer is used only when it is unambiguous:
     * <ul>
     *   <li>the value holds no {@code ${}: nothing to expand, so it equals the expanded value (get-one's
     *       expansion also answers 500 on references to unknown folders or environments where list keeps
     *       the raw value, as seen on the October 2024 server); a value with a reference goes to the listing;</li>
     *   <li>the folder's own secret wins over every import, so a hit needs no import; a 404 (not in the
     *       folder, folder missing) or a 403 (newer servers filter a list they refuse to get) goes to the
     *       listing, which searches the imports and knows where an imported value came from (get-one
     *       answers without {@code secretPath}, so it cannot say which folder);</li>
     *   <li>the answer names the asked key and environment (the server trims keys; a service token's
     *       single scope overrides the asked folder, which the scope guard has refused before sending);</li>
     *   <li>service tokens whose scopes are unknown (their description failed) and keys that cannot travel
     *       in a URL segment always use the listing, whose answer the scope guard checks item by item.</li>
     * </ul>
     */
    private Secret getOne(Scope scope, String key) {
        if (needsBatchRoute(key) || !key.equals(key.trim())) {
            return null;
        }
        Optional<ServiceTokenInfo> info = tokens.serviceTokenInfo();
        if (info.isPresent()) {
            ScopeGuard.checkRead(info.get(), scope, false);
        } else if (tokens.isServiceToken()) {
            return null;
        }
        Transport.Call call = Transport.Call.get(ApiPaths.secret(key), List.of(
                projects.readParameter(scope),
                entry(ApiPaths.ENVIRONMENT, scope.environment()),
                entry(ApiPaths.SECRET_PATH, scope.path().value()),
                entry(ApiPaths.TYPE, "shared"),
                entry(ApiPaths.INCLUDE_IMPORTS, "false"),
                entry(ApiPaths.EXPAND_SECRET_REFERENCES, "false")));
        Transport.Reply reply;
        try {
            reply = transport.execute(call);
        } catch (InfisicalException e) {
            int status = e.status().orElse(0);
            if (status == 404 || status == 403 || status == 500) {
                return null; // the listing answers these as list does (and fails the same way if it must)
            }
            throw e;
        }
        // an answer that is not the documented shape is a failed read, as for the listing (never "absent")
        Map<String, Object> item = Json.object(transport.object(call, reply), "secret")
                .orElseThrow(() -> transport.malformed(call, reply, "answer has no 'secret' object"));
        requireItems(call, reply, List.of(item));
        if ("true".equals(Json.string(item, "secretValueHidden").orElse(""))) {
            return null; // the listing refuses hidden values with the full explanation
        }
        String value = Json.string(item, ApiPaths.SECRET_VALUE).orElse("");
        String env = Json.string(item, ApiPaths.ENVIRONMENT).filter(e -> !e.isBlank()).orElse(scope.environment());
        if (value.contains("${") || !key.equals(Json.string(item, ApiPaths.SECRET_KEY).orElse(""))
                || !env.equals(scope.environment())
                || !Json.string(item, ApiPaths.SECRET_PATH).map(p -> safePath(p).equals(scope.path())).orElse(true)
                || !"shared".equals(Json.string(item, ApiPaths.TYPE).orElse("shared"))) {
            return null;
        }
        return secret(item, scope, false);
    }

    private Optional<SecretListing> fetch(Scope scope, ListOptions options, String etag) {
        Optional<ServiceTokenInfo> info = tokens.serviceTokenInfo();
        info.ifPresent(i -> ScopeGuard.checkRead(i, scope, options.recursive()));
        Transport.Call call = Transport.Call.get(ApiPaths.SECRETS_RAW, List.of(
                projects.readParameter(scope),
                entry(ApiPaths.ENVIRONMENT, scope.environment()),
                entry(ApiPaths.SECRET_PATH, scope.path().value()),
                entry(ApiPaths.RECURSIVE, bool(options.recursive())),
                entry(ApiPaths.INCLUDE_IMPORTS, bool(options.includeImports())),
                entry(ApiPaths.EXPAND_SECRET_REFERENCES, bool(options.expandReferences()))));
        if (etag != null) {
            call = call.withIfNoneMatch(etag);
        }
        Transport.Reply reply = transport.execute(call);
        if (reply.notModified()) {
            if (etag == null) {
                // nothing was sent to match: a 304 here is a broken cache or proxy, not "unchanged"
                throw transport.malformed(call, reply, "304 Not Modified to a request without If-None-Match");
            }
            return Optional.empty(); // 304: nothing to parse
        }
        Map<String, Object> answer = transport.object(call, reply);
        List<Map<String, Object>> ownItems = transport.requiredList(call, reply, answer, ApiPaths.SECRETS);
        List<Map<String, Object>> importBlocks = answer.get("imports") == null ? List.of()
                : transport.requiredList(call, reply, answer, "imports"); // older servers may leave it out
        List<List<Map<String, Object>>> importItems = new ArrayList<>(importBlocks.size());
        for (Map<String, Object> block : importBlocks) {
            importItems.add(transport.requiredList(call, reply, block, ApiPaths.SECRETS));
        }
        requireItems(call, reply, ownItems);
        for (List<Map<String, Object>> items : importItems) {
            requireItems(call, reply, items);
        }
        refuseHiddenValues(answer, call);
        List<Secret> own = new ArrayList<>();
        List<String> rawPaths = new ArrayList<>();
        for (Map<String, Object> item : ownItems) {
            own.add(secret(item, scope, false));
            rawPaths.add(Json.string(item, ApiPaths.SECRET_PATH).orElse(null));
        }
        List<ImportedSecrets> imports = new ArrayList<>();
        for (int b = 0; b < importBlocks.size(); b++) {
            Map<String, Object> block = importBlocks.get(b);
            String env = Json.string(block, ApiPaths.ENVIRONMENT).orElse(scope.environment());
            SecretPath path = safePath(Json.string(block, ApiPaths.SECRET_PATH).orElse("/"));
            Scope source = new Scope(scope.project(), env, path);
            List<Secret> items = new ArrayList<>();
            for (Map<String, Object> item : importItems.get(b)) {
                items.add(secret(item, source, true));
            }
            imports.add(new ImportedSecrets(env, path, items));
        }
        SecretListing listing = new SecretListing(own, imports, reply.etag());
        ScopeGuard.checkAnswer(scope, options.recursive(), listing, rawPaths,
                info.map(i -> "service token " + i.tokenId() + " scopes " + i.scopes())
                        .orElse(tokens.isServiceToken() ? "service token" : "this identity"));
        return Optional.of(listing);
    }

    /** Every listed secret names its key and value: an item without them is not a secret but garbage. */
    private void requireItems(Transport.Call call, Transport.Reply reply, List<Map<String, Object>> items) {
        for (Map<String, Object> item : items) {
            if (!(item.get(ApiPaths.SECRET_KEY) instanceof String)) {
                throw transport.malformed(call, reply, "a listed secret has no '" + ApiPaths.SECRET_KEY + "' string");
            }
            if (!(item.get(ApiPaths.SECRET_VALUE) instanceof String)) {
                throw transport.malformed(call, reply, "a listed secret has no '" + ApiPaths.SECRET_VALUE + "' string");
            }
        }
    }

    /**
     * Newer servers answer {@code secretValueHidden: true} and the placeholder {@code <hidden-by-infisical>}
     * when the identity may list but not read values; returning the placeholder as a value would put it
     * into an application's configuration.
     */
    private void refuseHiddenValues(Map<String, Object> answer, Transport.Call call) {
        List<String> hidden = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>(Json.objects(answer, ApiPaths.SECRETS));
        for (Map<String, Object> block : Json.objects(answer, "imports")) {
            items.addAll(Json.objects(block, ApiPaths.SECRETS));
        }
        for (Map<String, Object> item : items) {
            if ("true".equals(Json.string(item, "secretValueHidden").orElse(""))) {
                hidden.add(Json.string(item, ApiPaths.SECRET_KEY).orElse("?"));
            }
        }
        if (!hidden.isEmpty()) {
            throw new PermissionDeniedException("the server hid the values of " + hidden.size() + " secret(s) "
                    + hidden.subList(0, Math.min(hidden.size(), 20)) + (hidden.size() > 20 ? " ..." : ""),
                    "the identity may list these secrets but lacks the permission to read their values "
                            + "(it answers " + HIDDEN_VALUE + "); give its role read-value access to this path",
                    new FailedRequest(call.method(), transport.apiPath(call.path()), 200, ""), null);
        }
    }

    /** Parses one SecretRaw; {@code where} supplies environment/path when the item lacks them. */
    static Secret secret(Map<String, Object> item, Scope where, boolean imported) {
        String env = Json.string(item, ApiPaths.ENVIRONMENT).filter(e -> !e.isBlank()).orElse(where.environment());
        SecretPath path = Json.string(item, ApiPaths.SECRET_PATH).map(HttpSecrets::safePath).orElse(where.path());
        SecretType type = "personal".equals(Json.string(item, ApiPaths.TYPE).orElse("shared"))
                ? SecretType.PERSONAL : SecretType.SHARED;
        return new Secret(Json.string(item, ApiPaths.SECRET_KEY).orElse(""),
                Json.string(item, ApiPaths.SECRET_VALUE).orElse(""),
                Json.string(item, ApiPaths.SECRET_COMMENT).orElse(""),
                (int) Json.number(item, "version", 0), type, new Provenance(env, path, imported));
    }

    /** A server path that our stricter SecretPath rejects (older servers allowed odd names) stays usable. */
    static SecretPath safePath(String raw) {
        try {
            return SecretPath.of(raw);
        } catch (ValidationException e) {
            throw new ValidationException("the server answered with folder path '" + raw
                    + "', which has characters outside [A-Za-z0-9_-]",
                    "rename that folder in Infisical (such names also make newer servers answer 500)");
        }
    }

    private static String bool(boolean b) {
        return b ? "true" : "false"; // always explicit: server defaults changed between versions
    }

    // ---------------------------------------------------------------- writes

    @Override
    public Secret create(Scope scope, NewSecret secret, WriteOptions options) {
        requireKey(secret.key());
        prepareWrite(scope, options);
        if (needsBatchRoute(secret.key())) {
            return createAll(scope, List.of(secret), WriteOptions.defaults()).get(0);
        }
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.SECRET_VALUE, secret.value());
        body.put(ApiPaths.SECRET_COMMENT, secret.comment());
        body.put(ApiPaths.TYPE, "shared");
        return single(scope, Transport.Call.write("POST", ApiPaths.secret(secret.key()), body));
    }

    @Override
    public Secret update(Scope scope, String key, SecretUpdate update) {
        requireKey(key);
        update.newKey().ifPresent(HttpSecrets::requireKey);
        if (needsBatchRoute(key)) {
            return updateAll(scope, Map.of(key, update)).get(0);
        }
        if (update.value().isPresent()) {
            return single(scope, patch(scope, key, update, update.value().get()));
        }
        // No new value: leave secretValue out so the server keeps whatever is stored now. OCT24 requires
        // the field ("secretValue: Required"); only then is the current value read and sent back, which
        // leaves a short window in which a concurrent value change would be reverted.
        try {
            return single(scope, patch(scope, key, update, null));
        } catch (ValidationException e) {
            if (!requiresValue(e)) {
                throw e;
            }
            return single(scope, patch(scope, key, update, currentRawValues(scope, List.of(key)).get(key)));
        }
    }

    private Transport.Call patch(Scope scope, String key, SecretUpdate update, String value) {
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.TYPE, "shared");
        if (value != null) {
            body.put(ApiPaths.SECRET_VALUE, value);
        }
        update.comment().ifPresent(c -> body.put(ApiPaths.SECRET_COMMENT, c));
        update.newKey().ifPresent(k -> body.put(ApiPaths.NEW_SECRET_NAME, k));
        return Transport.Call.write("PATCH", ApiPaths.secret(key), body);
    }

    /** True when the server refused a write because {@code secretValue} was left out (OCT24). */
    static boolean requiresValue(ValidationException e) {
        // the issue text at the start or after a separator; no regex: this class loads on every first read
        String message = e.request().map(FailedRequest::serverMessage).orElse("");
        for (int at = message.indexOf(VALUE_REQUIRED); at >= 0; at = message.indexOf(VALUE_REQUIRED, at + 1)) {
            if (at == 0 || " \t\n\u000B\f\r.;".indexOf(message.charAt(at - 1)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keys that cannot travel as a URL path segment: longer than the route allows, or {@code .} /
     * {@code ..}, which the HTTP stack resolves as dot segments (the request would go to another route).
     */
    static boolean needsBatchRoute(String key) {
        return key.length() > MAX_KEY_IN_URL || key.equals(".") || key.equals("..");
    }

    @Override
    public Secret delete(Scope scope, String key) {
        requireKey(key);
        if (needsBatchRoute(key)) {
            return deleteAll(scope, List.of(key)).get(0);
        }
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.TYPE, "shared");
        return single(scope, Transport.Call.write("DELETE", ApiPaths.secret(key), body));
    }

    @Override
    public List<Secret> createAll(Scope scope, List<NewSecret> secrets, WriteOptions options) {
        requireNonEmpty(secrets);
        secrets.forEach(s -> requireKey(s.key()));
        prepareWrite(scope, options);
        List<Map<String, Object>> items = new ArrayList<>();
        for (NewSecret s : secrets) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(ApiPaths.SECRET_KEY, s.key());
            item.put(ApiPaths.SECRET_VALUE, s.value());
            item.put(ApiPaths.SECRET_COMMENT, s.comment());
            items.add(item);
        }
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.SECRETS, items);
        return many(scope, Transport.Call.write("POST", ApiPaths.SECRETS_BATCH_RAW, body));
    }

    @Override
    public List<Secret> updateAll(Scope scope, Map<String, SecretUpdate> updates) {
        requireNonEmpty(updates.keySet());
        List<String> needValue = new ArrayList<>();
        updates.forEach((k, u) -> {
            requireKey(k);
            u.newKey().ifPresent(HttpSecrets::requireKey);
            if (u.value().isEmpty()) {
                needValue.add(k);
            }
        });
        if (needValue.isEmpty()) {
            return many(scope, batchPatch(scope, updates, Map.of()));
        }
        // As in update(): values are re-sent only when the server insists (OCT24).
        try {
            return many(scope, batchPatch(scope, updates, Map.of()));
        } catch (ValidationException e) {
            if (!requiresValue(e)) {
                throw e;
            }
            return many(scope, batchPatch(scope, updates, currentRawValues(scope, needValue)));
        }
    }

    private Transport.Call batchPatch(Scope scope, Map<String, SecretUpdate> updates, Map<String, String> current) {
        List<Map<String, Object>> items = new ArrayList<>();
        updates.forEach((k, u) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(ApiPaths.SECRET_KEY, k);
            String value = u.value().orElseGet(() -> current.get(k));
            if (value != null) {
                item.put(ApiPaths.SECRET_VALUE, value);
            }
            u.comment().ifPresent(c -> item.put(ApiPaths.SECRET_COMMENT, c));
            u.newKey().ifPresent(n -> item.put(ApiPaths.NEW_SECRET_NAME, n));
            items.add(item);
        });
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.SECRETS, items);
        return Transport.Call.write("PATCH", ApiPaths.SECRETS_BATCH_RAW, body);
    }

    @Override
    public List<Secret> deleteAll(Scope scope, Collection<String> keys) {
        requireNonEmpty(keys);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String k : new LinkedHashSet<>(keys)) {
            requireKey(k);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(ApiPaths.SECRET_KEY, k);
            item.put(ApiPaths.TYPE, "shared");
            items.add(item);
        }
        Map<String, Object> body = base(scope);
        body.put(ApiPaths.SECRETS, items);
        return many(scope, Transport.Call.write("DELETE", ApiPaths.SECRETS_BATCH_RAW, body));
    }

    /** The stored (unexpanded, local) values of keys, for updates that must re-send them. */
    private Map<String, String> currentRawValues(Scope scope, List<String> keys) {
        SecretListing raw = fetch(scope, new ListOptions(false, false, false), null).orElseThrow();
        Map<String, String> out = new LinkedHashMap<>();
        for (Secret s : raw.secrets()) {
            if (s.type() == SecretType.SHARED) {
                out.put(s.key(), s.value());
            }
        }
        for (String k : keys) {
            if (!out.containsKey(k)) {
                if (!scope.path().isRoot() && !folders.exists(scope)) {
                    // OCT24 lists a missing folder as empty: say what is really missing
                    throw new FolderNotFoundException("folder " + scope.environment() + ":" + scope.path()
                            + " does not exist", ErrorMapper.FOLDER_HINT);
                }
                throw new SecretNotFoundException("secret '" + k + "' not found in " + scope.environment() + ":"
                        + scope.path(), "check the key (case-sensitive), the environment slug and the path");
            }
        }
        return out;
    }

    private void prepareWrite(Scope scope, WriteOptions options) {
        if (options.createMissingFolders() && !scope.path().isRoot()) {
            folders.ensure(scope);
        }
    }

    private Map<String, Object> base(Scope scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(ApiPaths.WORKSPACE_ID, projects.projectId(scope));
        body.put(ApiPaths.ENVIRONMENT, scope.environment());
        body.put(ApiPaths.SECRET_PATH, scope.path().value());
        return body;
    }

    private Secret single(Scope scope, Transport.Call call) {
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            Map<String, Object> item = Json.object(answer, "secret").orElseThrow(() -> pending(call));
            return secret(item, scope, false);
        } finally {
            cache.invalidateAll();
        }
    }

    private List<Secret> many(Scope scope, Transport.Call call) {
        try {
            Map<String, Object> answer = transport.object(call, transport.execute(call));
            if (!answer.containsKey(ApiPaths.SECRETS)) {
                throw pending(call);
            }
            List<Secret> out = new ArrayList<>();
            for (Map<String, Object> item : Json.objects(answer, ApiPaths.SECRETS)) {
                out.add(secret(item, scope, false));
            }
            return List.copyOf(out);
        } finally {
            cache.invalidateAll();
        }
    }

    private InfisicalException pending(Transport.Call call) {
        return new InfisicalException("the change was not applied: a change-approval policy covers this path",
                "approve the pending change request in Infisical, or write to a folder without a policy",
                new FailedRequest(call.method(), transport.apiPath(call.path()), 200, ""), null);
    }

    static void requireKey(String key) {
        if (key == null || key.trim().isEmpty()) {
            throw new ValidationException("secret key is blank", "pass the secret's name");
        }
        if (hasSurroundingWhitespace(key)) {
            // Infisical trims keys: " KEY" would be created as "KEY" and then never found as " KEY"
            throw new ValidationException("secret key has leading or trailing whitespace",
                    "Infisical trims keys; pass the key without surrounding spaces");
        }
        if (key.length() > MAX_KEY) {
            throw new ValidationException("secret key of " + key.length() + " characters is too long",
                    "Infisical stores at most " + MAX_KEY + " characters per key (longer keys make it answer 500)");
        }
    }

    /** True when the key starts or ends with whitespace (which the server would trim away). */
    public static boolean hasSurroundingWhitespace(String key) {
        return !key.isEmpty() && (Character.isWhitespace(key.charAt(0))
                || Character.isWhitespace(key.charAt(key.length() - 1)));
    }

    private static void requireNonEmpty(Collection<?> c) {
        if (c.isEmpty()) {
            throw new ValidationException("batch is empty", "pass at least one secret");
        }
    }
}
