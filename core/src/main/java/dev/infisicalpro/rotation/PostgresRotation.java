package dev.infisicalpro.rotation;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.InfisicalException;
import dev.infisicalpro.Scope;
import dev.infisicalpro.Secret;
import dev.infisicalpro.SecretUpdate;
import dev.infisicalpro.NewSecret;
import dev.infisicalpro.Secrets;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

// Over 400 lines because the rotation is one ordered sequence whose failure handling depends on how far
// it got (read, change in PostgreSQL, verify a login, write to Infisical with retries, then roll back or
// keep the file); splitting the steps apart would spread that one state machine. The builder and its
// Javadoc are the rest.
/**
 * Rotates a PostgreSQL role's password that applications read from Infisical, in the order that never
 * leaves Infisical holding a password the database rejects:
 * <ol>
 *   <li>read the current password from Infisical;</li>
 *   <li>generate a new one (32–48 characters from {@link java.security.SecureRandom}, 6 bits each);</li>
 *   <li>change it in PostgreSQL, hashed client-side with SCRAM-SHA-256 so the plaintext never reaches the
 *       server or its statement log. Open sessions keep working;</li>
 *   <li>prove a fresh login with the new password;</li>
 *   <li>write it to Infisical (an application that reloads from now on gets a working password),
 *       retrying; a failed attempt is only repeated after reading back that the value did not land;</li>
 *   <li>optionally write the previous password to a second key.</li>
 * </ol>
 * If every write fails, the database is changed back or the new password is kept in a file, as chosen
 * with {@link Builder#onWriteFailure}, and {@link RotationException} says which happened and what each
 * side holds. Failures before the database changed leave both sides untouched.
 *
 * <pre>{@code
 * RotationResult r = PostgresRotation.builder(client, Scope.of(ProjectRef.id(projectId), "prod", "/app"), "DB_PASSWORD")
 *         .jdbcUrl("jdbc:postgresql://db:5432/app")
 *         .role("app")                                   // logs in as itself with the current password
 *         .previousValueKey("DB_PASSWORD_PREVIOUS")       // optional
 *         .onWriteFailure(OnWriteFailure.keepNewPasswordIn(Path.of("/root/app-db.pw")))
 *         .build()
 *         .rotate();
 * }</pre>
 *
 * <p>By default the role changes its own password (PostgreSQL allows that to any role with a login);
 * {@link Builder#adminDataSource} makes another role do it. PostgreSQL keeps one password per role, so
 * the previous-value key does not extend the old password's life in PostgreSQL: it is a record for
 * undoing a rotation by hand and for tools that compare values.
 */
public final class PostgresRotation {

    private static final String SCRAM = "scram-sha-256";

    private final InfisicalClient client;
    private final Scope scope;
    private final String key;
    private final String jdbcUrl;
    private final String role;
    private final DataSource admin;
    private final String previousValueKey;
    private final OnWriteFailure onWriteFailure;
    private final int passwordLength;
    private final int writeAttempts;
    private final Duration writeRetryDelay;
    private final Duration databaseTimeout;
    private final Consumer<RotationStep> onStep;

    private PostgresRotation(Builder b) {
        this.client = b.client;
        this.scope = b.scope;
        this.key = b.key;
        this.jdbcUrl = b.jdbcUrl;
        this.role = b.role;
        this.admin = b.admin;
        this.previousValueKey = b.previousValueKey;
        this.onWriteFailure = b.onWriteFailure;
        this.passwordLength = b.passwordLength;
        this.writeAttempts = b.writeAttempts;
        this.writeRetryDelay = b.writeRetryDelay;
        this.databaseTimeout = b.databaseTimeout;
        this.onStep = b.onStep;
    }

    /**
     * A rotation of the password stored under {@code key} in {@code scope}.
     *
     * @param client a client allowed to read and write {@code key}
     * @param scope  where the password lives
     * @param key    the secret holding the password, e.g. {@code DB_PASSWORD}
     * @return a builder; set {@link Builder#jdbcUrl} and {@link Builder#role}
     * @throws IllegalArgumentException when {@code key} is blank
     */
    public static Builder builder(InfisicalClient client, Scope scope, String key) {
        return new Builder(client, scope, key);
    }

    /**
     * Runs one rotation.
     *
     * @return what was done, when both sides hold the new password
     * @throws RotationException when it could not complete; the message says what each side holds
     */
    public RotationResult rotate() {
        Secrets secrets = client.secrets();
        String previous;
        try {
            previous = secrets.get(scope, key).value();
        } catch (InfisicalException e) {
            throw new RotationException("could not read " + key + " from Infisical, nothing was changed",
                    "fix the cause and run the rotation again", PasswordState.PREVIOUS, PasswordState.PREVIOUS,
                    null, e);
        }
        char[] next = Passwords.generate(passwordLength);
        try {
            return rotate(secrets, previous, next);
        } finally {
            Arrays.fill(next, '\0');
        }
    }

    private RotationResult rotate(Secrets secrets, String previous, char[] next) {
        Connection changer;
        try {
            changer = openChanger(previous);
        } catch (SQLException e) {
            throw new RotationException("could not connect to PostgreSQL to change the password of role '" + role
                    + "' (" + sqlSummary(e) + "), nothing was changed", admin == null
                    ? "the role logs in with the password Infisical holds now; if that is already wrong, reset it "
                    + "as a superuser and write it to " + key + ", or pass an admin data source"
                    : "check the admin data source", PasswordState.PREVIOUS, PasswordState.PREVIOUS, null, e);
        }
        try {
            try {
                alter(changer, next);
            } catch (SQLException e) {
                PasswordState db = isConnectionFailure(e) ? PasswordState.UNKNOWN : PasswordState.PREVIOUS;
                throw new RotationException("PostgreSQL refused to change the password of role '" + role + "' ("
                        + sqlSummary(e) + ")", db == PasswordState.PREVIOUS
                        ? "nothing was changed; check that the connecting role may alter '" + role + "'"
                        : "the connection broke while changing it: try logging in with the password in " + key
                        + "; if that fails, reset it as a superuser", db, PasswordState.PREVIOUS, null, e);
            }
            Instant changedAt = client.clock().instant();
            onStep.accept(RotationStep.DATABASE_CHANGED);

            try {
                verifyLogin(next);
            } catch (SQLException e) {
                PasswordState db = rollBack(changer, previous);
                throw new RotationException("a fresh login as '" + role + "' with the new password failed ("
                        + sqlSummary(e) + "); " + (db == PasswordState.PREVIOUS
                        ? "PostgreSQL was changed back to the previous password"
                        : "changing PostgreSQL back failed too"),
                        "check pg_hba.conf allows password (scram-sha-256) logins for '" + role
                                + "' from this host; Infisical was not touched", db, PasswordState.PREVIOUS, null, e);
            }
            onStep.accept(RotationStep.LOGIN_VERIFIED);

            String nextValue = new String(next);
            WriteAttempts written = write(secrets, nextValue);
            if (written.failure != null) {
                throw afterFailedWrite(changer, previous, nextValue, written);
            }
            Instant writtenAt = client.clock().instant();
            onStep.accept(RotationStep.INFISICAL_WRITTEN);

            Optional<String> previousKey = Optional.empty();
            if (previousValueKey != null && writePrevious(secrets, previous)) {
                previousKey = Optional.of(previousValueKey);
                onStep.accept(RotationStep.PREVIOUS_VALUE_WRITTEN);
            }
            return new RotationResult(role, key, changedAt, writtenAt, written.attempts, previousKey);
        } finally {
            closeQuietly(changer);
        }
    }

    /** pgjdbc zeroes the array it is given, so it gets a copy. */
    private void alter(Connection changer, char[] password) throws SQLException {
        changer.unwrap(PGConnection.class).alterUserPassword(role, password.clone(), SCRAM);
    }

    private Connection openChanger(String previous) throws SQLException {
        Connection c = admin != null ? admin.getConnection() : login(previous.toCharArray());
        c.setAutoCommit(true);
        // every statement of the rotation gets a deadline, also on a connection the caller's pool made
        ExecutorService timeouts = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "infisical-rotation-timeout");
            t.setDaemon(true);
            return t;
        });
        try {
            c.setNetworkTimeout(timeouts, (int) databaseTimeout.toMillis());
        } finally {
            timeouts.shutdown();
        }
        return c;
    }

    private Connection login(char[] password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", role);
        p.setProperty("password", new String(password));
        long seconds = Math.max(1, databaseTimeout.toSeconds());
        p.setProperty("connectTimeout", Long.toString(seconds));
        p.setProperty("loginTimeout", Long.toString(seconds));
        p.setProperty("socketTimeout", Long.toString(seconds));
        p.setProperty("ApplicationName", "infisical-pro rotation");
        Connection c = new org.postgresql.Driver().connect(jdbcUrl, p);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL: " + urlWithoutQuery(), "08001");
        }
        return c;
    }

    private void verifyLogin(char[] password) throws SQLException {
        try (Connection c = login(password); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_user")) {
            if (!r.next() || !role.equals(r.getString(1))) {
                throw new SQLException("logged in as another role than '" + role + "'", "28000");
            }
        }
    }

    private PasswordState rollBack(Connection changer, String previous) {
        char[] old = previous.toCharArray();
        try {
            alter(changer, old);
            verifyLogin(old);
            return PasswordState.PREVIOUS;
        } catch (SQLException e) {
            return PasswordState.UNKNOWN;
        } finally {
            Arrays.fill(old, '\0');
        }
    }

    private record WriteAttempts(int attempts, InfisicalException failure, PasswordState infisical) {
    }

    private WriteAttempts write(Secrets secrets, String next) {
        InfisicalException last = null;
        for (int attempt = 1; attempt <= writeAttempts; attempt++) {
            try {
                secrets.update(scope, key, SecretUpdate.value(next));
                return new WriteAttempts(attempt, null, PasswordState.NEW);
            } catch (InfisicalException e) {
                last = e;
            }
            // The request may have landed before the failure (a lost answer): look before writing again,
            // so a write is only repeated when it provably did not apply.
            PasswordState seen = readBack(secrets, next);
            if (seen == PasswordState.NEW) {
                return new WriteAttempts(attempt, null, PasswordState.NEW);
            }
            if (!retryable(last) || attempt == writeAttempts) {
                return new WriteAttempts(attempt, last, seen);
            }
            sleep(writeRetryDelay.multipliedBy(attempt));
        }
        throw new IllegalStateException("unreachable");
    }

    private PasswordState readBack(Secrets secrets, String next) {
        try {
            Optional<Secret> now = secrets.find(scope, key);
            return now.isPresent() && now.get().value().equals(next) ? PasswordState.NEW : PasswordState.PREVIOUS;
        } catch (InfisicalException e) {
            return PasswordState.UNKNOWN;
        }
    }

    /** Client errors (bad input, no permission, missing folder) will fail the same way again. */
    private static boolean retryable(InfisicalException e) {
        OptionalInt status = e.status();
        if (status.isEmpty()) {
            return true;
        }
        int s = status.getAsInt();
        return s == 408 || s == 429 || s >= 500;
    }

    private RotationException afterFailedWrite(Connection changer, String previous, String next, WriteAttempts w) {
        String what = "writing the new password to " + key + " in Infisical failed after " + w.attempts
                + (w.attempts == 1 ? " attempt" : " attempts") + " (" + w.failure.getMessage() + ")";
        PasswordState infisical = w.infisical;
        String unknownInfisical = infisical == PasswordState.UNKNOWN
                ? "; Infisical could not be read back, so check the latest version of " + key : "";
        Optional<Path> file = onWriteFailure.file();
        if (file.isPresent()) {
            try {
                keepInFile(file.get(), next);
                return new RotationException(what + "; PostgreSQL keeps the new password, saved in " + file.get(),
                        "write the file's content to " + key + " in Infisical, then delete the file. Until then "
                                + "open connections keep working, but an application that restarts with the "
                                + "previous password cannot log in" + unknownInfisical,
                        PasswordState.NEW, infisical, file.get(), w.failure);
            } catch (IOException e) {
                what = what + "; saving the new password to " + file.get() + " failed too ("
                        + e.getClass().getSimpleName() + ")";
            }
        }
        PasswordState db = rollBack(changer, previous);
        if (db == PasswordState.PREVIOUS) {
            return new RotationException(what + "; PostgreSQL was changed back to the previous password",
                    "nothing is broken: both sides hold the previous password. Fix the cause and rotate again"
                            + unknownInfisical, db, infisical, null, w.failure);
        }
        return new RotationException(what + "; changing PostgreSQL back to the previous password failed as well",
                "as a superuser, set a new password for '" + role + "' and write the same value to " + key,
                db, infisical, null, w.failure);
    }

    private boolean writePrevious(Secrets secrets, String previous) {
        try {
            if (secrets.find(scope, previousValueKey).isPresent()) {
                secrets.update(scope, previousValueKey, SecretUpdate.value(previous));
            } else {
                secrets.create(scope, NewSecret.of(previousValueKey, previous));
            }
            return true;
        } catch (InfisicalException e) {
            // the rotation itself is complete and consistent; the result simply lacks the previous key
            System.getLogger("dev.infisicalpro.rotation").log(System.Logger.Level.WARNING,
                    "Rotation done, but writing the previous password to {0} failed: {1}", previousValueKey,
                    e.getMessage());
            return false;
        }
    }

    private static void keepInFile(Path file, String password) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp;
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            tmp = Files.createTempFile(dir, ".rotation-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            tmp = Files.createTempFile(dir, ".rotation-", ".tmp");
        }
        try {
            Files.writeString(tmp, password);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the rotation's outcome is already decided; a failed close changes nothing on either side
        }
    }

    private static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08");
    }

    /** SQLState and the driver's text; pgjdbc never quotes a password in either. */
    private static String sqlSummary(SQLException e) {
        return (e.getSQLState() == null ? "" : "SQLState " + e.getSQLState() + ": ") + e.getMessage();
    }

    private String urlWithoutQuery() {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "PostgresRotation[" + role + "@" + urlWithoutQuery() + " -> " + key + " in " + scope + "]";
    }

    /**
     * Builder; {@link #jdbcUrl} and {@link #role} are required.
     *
     * <pre>{@code
     * PostgresRotation.builder(client, scope, "DB_PASSWORD")
     *         .jdbcUrl("jdbc:postgresql://db:5432/app").role("app")
     *         .passwordLength(40).databaseTimeout(Duration.ofSeconds(10))
     *         .build();
     * }</pre>
     *
     * <p>Like every builder of this library, a setter refuses a bad argument at once: {@code null} with
     * {@link NullPointerException}, a blank text or a value out of range with {@link IllegalArgumentException};
     * {@link #build()} refuses a missing required setting with {@link ValidationException}.
     */
    public static final class Builder {
        private final InfisicalClient client;
        private final Scope scope;
        private final String key;
        private String jdbcUrl;
        private String role;
        private DataSource admin;
        private String previousValueKey;
        private OnWriteFailure onWriteFailure = OnWriteFailure.rollBackDatabase();
        private int passwordLength = 40;
        private int writeAttempts = 3;
        private Duration writeRetryDelay = Duration.ofSeconds(1);
        private Duration databaseTimeout = Duration.ofSeconds(10);
        private Consumer<RotationStep> onStep = step -> { };

        private Builder(InfisicalClient client, Scope scope, String key) {
            this.client = Objects.requireNonNull(client, "client");
            this.scope = Objects.requireNonNull(scope, "scope");
            this.key = requireText(key, "key");
        }

        /**
         * The database, e.g. {@code jdbc:postgresql://db:5432/app}; used for the logins as the role.
         *
         * @param value a {@code jdbc:postgresql:} URL without credentials
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder jdbcUrl(String value) {
            this.jdbcUrl = requireText(value, "jdbcUrl");
            return this;
        }

        /**
         * The PostgreSQL role (user) whose password is rotated.
         *
         * @param value the role name
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder role(String value) {
            this.role = requireText(value, "role");
            return this;
        }

        /**
         * Changes the password through this data source (a role allowed to alter {@link #role}) instead of
         * logging in as the role with its current password.
         *
         * @param value a data source that logs in as a role allowed to alter the rotated one
         * @return this builder
         */
        public Builder adminDataSource(DataSource value) {
            this.admin = Objects.requireNonNull(value, "adminDataSource");
            return this;
        }

        /**
         * Also writes the previous password to this key (created when missing) after a successful rotation.
         *
         * @param value the key name, e.g. {@code DB_PASSWORD_PREVIOUS}
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder previousValueKey(String value) {
            this.previousValueKey = requireText(value, "previousValueKey");
            return this;
        }

        /**
         * What to do when PostgreSQL changed but Infisical could not be written; default: roll back.
         *
         * @param value roll back the database, or keep the new password in a file
         * @return this builder
         */
        public Builder onWriteFailure(OnWriteFailure value) {
            this.onWriteFailure = Objects.requireNonNull(value, "onWriteFailure");
            return this;
        }

        /**
         * Length of the generated password, 32 to 48 (default 40).
         *
         * @param value the number of characters, 32 to 48
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is outside 32..48
         */
        public Builder passwordLength(int value) {
            if (value < Passwords.MIN_LENGTH || value > Passwords.MAX_LENGTH) {
                throw new IllegalArgumentException("passwordLength must be " + Passwords.MIN_LENGTH + ".."
                        + Passwords.MAX_LENGTH + ", was " + value);
            }
            this.passwordLength = value;
            return this;
        }

        /**
         * Infisical write attempts before {@link #onWriteFailure} applies (default 3), and the first pause
         * (default 1 s, growing linearly).
         *
         * @param attempts write attempts in all, at least 1
         * @param firstDelay pause before the second attempt, not negative
         * @return this builder
         * @throws IllegalArgumentException when {@code attempts} is below 1 or {@code firstDelay} is negative
         */
        public Builder writeRetries(int attempts, Duration firstDelay) {
            Objects.requireNonNull(firstDelay, "firstDelay");
            if (attempts < 1) {
                throw new IllegalArgumentException("write attempts must be at least 1, was " + attempts);
            }
            if (firstDelay.isNegative()) {
                throw new IllegalArgumentException("firstDelay must not be negative, was " + firstDelay);
            }
            this.writeAttempts = attempts;
            this.writeRetryDelay = firstDelay;
            return this;
        }

        /**
         * Deadline for each database connect and statement (default 10 s).
         *
         * @param value a positive duration
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is zero or negative
         */
        public Builder databaseTimeout(Duration value) {
            Objects.requireNonNull(value, "databaseTimeout");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("databaseTimeout must be positive, was " + value);
            }
            this.databaseTimeout = value;
            return this;
        }

        /**
         * Told each {@link RotationStep} as it completes, on the rotating thread.
         *
         * @param listener called once per completed step; should return quickly
         * @return this builder
         */
        public Builder onStep(Consumer<RotationStep> listener) {
            this.onStep = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Checks the required settings.
         *
         * @return the rotation, ready for {@code rotate()}
         * @throws ValidationException when the JDBC URL or the role was not set
         */
        public PostgresRotation build() {
            if (jdbcUrl == null || role == null) {
                throw new ValidationException("jdbcUrl and role are required",
                        "set both, e.g. .jdbcUrl(\"jdbc:postgresql://db:5432/app\").role(\"app\")");
            }
            return new PostgresRotation(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return value;
        }
    }
}
