package dev.infisicalpro.rotation;

import dev.infisicalpro.ValidationException;
import dev.infisicalpro.LiveSecrets;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;

/**
 * A {@link DataSource} that opens each connection with the credentials a {@link LiveSecrets} view holds
 * at that moment, so a connection pool built on it takes a rotated password for new connections without
 * a restart while open connections finish their work. Plain Java; Spring Boot and Quarkus get the same
 * from their adapters.
 *
 * <pre>{@code
 * PGSimpleDataSource pg = new PGSimpleDataSource();
 * pg.setUrl("jdbc:postgresql://db:5432/app");
 * DataSource live = LiveCredentialsDataSource.builder(pg, liveSecrets)
 *         .username("app")                 // or .usernameKey("DB_USERNAME")
 *         .passwordKey("DB_PASSWORD")
 *         .build();
 * HikariConfig config = new HikariConfig();
 * config.setDataSource(live);              // no username/password on the pool: it asks live each time
 * HikariDataSource pool = new HikariDataSource(config);
 * liveSecrets.addListener(change -> {      // optional: retire connections made with the old password
 *     if (change.allKeys().contains("DB_PASSWORD")) pool.getHikariPoolMXBean().softEvictConnections();
 * });
 * }</pre>
 *
 * <p>{@link #getConnection(String, String)} passes explicit credentials through unchanged.
 */
public final class LiveCredentialsDataSource implements DataSource {

    private final DataSource target;
    private final LiveSecrets live;
    private final String username;
    private final String usernameKey;
    private final String passwordKey;

    private LiveCredentialsDataSource(Builder b) {
        this.target = b.target;
        this.live = b.live;
        this.username = b.username;
        this.usernameKey = b.usernameKey;
        this.passwordKey = b.passwordKey;
    }

    /**
     * A builder over a data source that supports {@link DataSource#getConnection(String, String)} (every
     * JDBC driver's own data source does, e.g. {@code PGSimpleDataSource}).
     *
     * @param target the data source that opens the connections
     * @param live the live view holding the username and password keys
     * @return a builder; set {@link Builder#passwordKey} and a username or username key
     */
    public static Builder builder(DataSource target, LiveSecrets live) {
        return new Builder(target, live);
    }

    /** A connection with the current username and password. */
    @Override
    public Connection getConnection() throws SQLException {
        String user = usernameKey != null ? live.get(usernameKey) : username;
        return target.getConnection(user, live.get(passwordKey));
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return target.getConnection(user, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "LiveCredentialsDataSource[user=" + (usernameKey != null ? "${" + usernameKey + "}" : username)
                + ", password=${" + passwordKey + "}]";
    }

    /**
     * Builder; a username (fixed or from a key) and the password key are required.
     *
     * <pre>{@code
     * DataSource ds = LiveCredentialsDataSource.builder(pgSimpleDataSource, live)
     *         .usernameKey("DB_USERNAME").passwordKey("DB_PASSWORD").build();
     * }</pre>
     *
     * <p>Like every builder of this library, a setter refuses a bad argument at once ({@code null}:
     * {@link NullPointerException}; blank: {@link IllegalArgumentException}); {@link #build()} refuses a
     * missing required setting with {@link ValidationException}.
     */
    public static final class Builder {
        private final DataSource target;
        private final LiveSecrets live;
        private String username;
        private String usernameKey;
        private String passwordKey;

        private Builder(DataSource target, LiveSecrets live) {
            this.target = Objects.requireNonNull(target, "target");
            this.live = Objects.requireNonNull(live, "live");
        }

        /**
         * A fixed database user.
         *
         * @param value the database user, the same for every connection
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder username(String value) {
            this.username = requireText(value, "username");
            this.usernameKey = null;
            return this;
        }

        /**
         * The secret holding the database user, read at each new connection.
         *
         * @param key the key name in the live view
         * @return this builder
         * @throws IllegalArgumentException when {@code key} is blank
         */
        public Builder usernameKey(String key) {
            this.usernameKey = requireText(key, "usernameKey");
            this.username = null;
            return this;
        }

        /**
         * The secret holding the password, read at each new connection.
         *
         * @param key the key name in the live view
         * @return this builder
         * @throws IllegalArgumentException when {@code key} is blank
         */
        public Builder passwordKey(String key) {
            this.passwordKey = requireText(key, "passwordKey");
            return this;
        }

        /**
         * Checks that a username and a password key were given.
         *
         * @return the data source
         * @throws ValidationException when the password key or the username is missing
         */
        public LiveCredentialsDataSource build() {
            if (passwordKey == null || (username == null && usernameKey == null)) {
                throw new ValidationException("LiveCredentialsDataSource needs a password key and a username",
                        "call passwordKey(\"DB_PASSWORD\") and username(\"app\") or usernameKey(\"DB_USERNAME\")");
            }
            return new LiveCredentialsDataSource(this);
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
