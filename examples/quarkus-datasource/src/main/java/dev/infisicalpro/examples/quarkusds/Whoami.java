package dev.infisicalpro.examples.quarkusds;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the app does with its database: asks which backend served the query. Its datasource password
 * comes from Infisical at every new connection (see {@code application.properties}).
 */
@ApplicationScoped
public class Whoami {

    private final AgroalDataSource dataSource;

    public Whoami(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The PostgreSQL backend process id of the connection that ran the query. */
    public int backendPid() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
