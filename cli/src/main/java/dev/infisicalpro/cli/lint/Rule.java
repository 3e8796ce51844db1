package dev.infisicalpro.cli.lint;

/**
 * Every rule {@code infisical-pro lint} knows, in one place: its id (used in output and in
 * {@code # infisical-pro:disable=ID} comments), its severity, and a one-line summary that
 * {@code --list-rules} and SARIF show. Each comes from the field guide's Common Mistakes or
 * Troubleshooting tables, or from its examples.
 *
 * <pre>{@code
 * for (Rule rule : Rule.values()) {
 *     System.out.println(rule.id() + " " + rule.severity().label() + " " + rule.summary());
 * }
 * }</pre>
 */
public enum Rule {
    /** {@code hostAPI} is not the API root ({@code https://host/api}). */
    CRD_HOST_API("CRD-HOST-API", Severity.ERROR,
            "InfisicalSecret hostAPI must be an absolute http(s) URL ending in /api (not /api/api, not /api/v3)"),
    /** {@code hostAPI} without {@code /api}. */
    CRD_HOST_API_ROOT("CRD-HOST-API-ROOT", Severity.WARNING,
            "InfisicalSecret hostAPI without /api: operators that append /v3/... to it reach the web app, not the API"),
    /** {@code hostAPI} is plain http to a host outside the cluster. */
    CRD_HOST_API_PLAINTEXT("CRD-HOST-API-PLAINTEXT", Severity.WARNING,
            "InfisicalSecret hostAPI uses http:// to a host that is neither loopback nor cluster-internal"),
    /** Service-token auth with a sub-path: the token must be scoped to {@code /**}. */
    CRD_TOKEN_SCOPE("CRD-TOKEN-SCOPE", Severity.WARNING,
            "service-token InfisicalSecret reads a sub-path: the token must be scoped to /** or <path>/**, "
                    + "a token scoped to / returns root secrets whatever secretsPath says"),
    /** {@code secretsScope} placed where the operator does not read it. */
    CRD_SCOPE_PLACEMENT("CRD-SCOPE-PLACEMENT", Severity.ERROR,
            "secretsScope must sit inside the authentication method (authentication.<method>.secretsScope)"),
    /** {@code resyncInterval} that hammers the rate limit or leaves rotations unseen. */
    CRD_RESYNC_INTERVAL("CRD-RESYNC-INTERVAL", Severity.WARNING,
            "InfisicalSecret resyncInterval outside 15 s .. 1 h (or not a number of seconds)"),
    /** Auth Secret key spelled other than the operator's camelCase names. */
    AUTH_SECRET_KEY_NAME("AUTH-SECRET-KEY-NAME", Severity.ERROR,
            "Infisical auth Secret keys must be clientId / clientSecret / infisicalToken (snake_case silently fails)"),
    /** Auth Secret referenced by an InfisicalSecret lacks a key the method needs. */
    AUTH_SECRET_MISSING_KEY("AUTH-SECRET-MISSING-KEY", Severity.ERROR,
            "Secret referenced by an InfisicalSecret lacks clientId/clientSecret (universal auth) "
                    + "or infisicalToken (service token)"),
    /** {@code data:} value that is not base64. */
    SECRET_BASE64("SECRET-BASE64", Severity.ERROR, "Secret data values must be valid base64"),
    /** A token or client secret in {@code stringData} of a committed manifest. */
    SECRET_STRINGDATA_TOKEN("SECRET-STRINGDATA-TOKEN", Severity.ERROR,
            "Infisical token or client secret in plaintext stringData of a manifest"),
    /** Auto-reload annotation where the operator does not look. */
    AUTO_RELOAD_PLACEMENT("AUTO-RELOAD-PLACEMENT", Severity.ERROR,
            "secrets.infisical.com/auto-reload goes on the Deployment's own metadata, not on a Secret or pod template"),
    /** A workload consumes an operator-managed Secret without auto-reload. */
    AUTO_RELOAD_MISSING("AUTO-RELOAD-MISSING", Severity.INFO,
            "workload consumes an operator-managed Secret without secrets.infisical.com/auto-reload"),
    /** Literal credential in {@code env[].value}. */
    PLAINTEXT_CREDENTIAL("PLAINTEXT-CREDENTIAL", Severity.ERROR,
            "credential-looking env var with a literal value: use valueFrom.secretKeyRef or envFrom"),
    /** A password / key shorter than the guide's 32 characters or with little variety. */
    WEAK_SECRET_VALUE("WEAK-SECRET-VALUE", Severity.WARNING,
            "AUTH_SECRET, ENCRYPTION_KEY and DB passwords need 32-48 random characters"),
    /** Infisical itself, or its Postgres, reading a Secret the operator manages. */
    ANTI_INCEPTION("ANTI-INCEPTION", Severity.ERROR,
            "Infisical or its Postgres consumes an operator-managed Secret (circular dependency): "
                    + "use a manually created Secret"),
    /** {@code "ref:provider:id"} string in openclaw.json. */
    OPENCLAW_REF_STRING("OPENCLAW-REF-STRING", Severity.ERROR,
            "\"ref:provider:id\" strings are not valid in openclaw.json: use a SecretRef object"),
    /** OpenClaw exec provider command that is relative or a symlink. */
    OPENCLAW_EXEC_COMMAND("OPENCLAW-EXEC-COMMAND", Severity.ERROR,
            "OpenClaw exec provider command must be an absolute path to a regular file (no symlink)"),
    /** {@code infisical … --raw}. */
    CLI_RAW_FLAG("CLI-RAW-FLAG", Severity.ERROR, "the infisical CLI has no --raw any more: use --plain"),
    /** {@code infisical secrets folders create … --token}. */
    CLI_FOLDERS_TOKEN("CLI-FOLDERS-TOKEN", Severity.ERROR,
            "infisical secrets folders create does not accept --token: create folders via POST /api/v1/folders"),
    /** {@code infisical secrets list}. */
    CLI_SECRETS_LIST("CLI-SECRETS-LIST", Severity.ERROR,
            "infisical secrets has no list subcommand: use infisical secrets (optionally -o dotenv)"),
    /** A literal {@code st.…} service token in a script or unit file. */
    LITERAL_SERVICE_TOKEN("LITERAL-SERVICE-TOKEN", Severity.ERROR,
            "literal service token (st.…) in a file: read it from the environment or a credentials file"),
    /** A file that could not be read as the format its name says. */
    PARSE_ERROR("PARSE-ERROR", Severity.ERROR, "file could not be parsed");

    private final String id;
    private final Severity severity;
    private final String summary;

    Rule(String id, Severity severity, String summary) {
        this.id = id;
        this.severity = severity;
        this.summary = summary;
    }

    /** The id printed in output and used in disable comments, e.g. {@code CRD-TOKEN-SCOPE}. */
    public String id() {
        return id;
    }

    /** The severity of every finding of this rule. */
    public Severity severity() {
        return severity;
    }

    /** One line on what the rule checks. */
    public String summary() {
        return summary;
    }

    /** The rule with this id (case-insensitive), if any. */
    public static java.util.Optional<Rule> byId(String id) {
        for (Rule rule : values()) {
            if (rule.id.equalsIgnoreCase(id.strip())) {
                return java.util.Optional.of(rule);
            }
        }
        return java.util.Optional.empty();
    }
}
