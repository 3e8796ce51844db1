package dev.infisicalpro.examples.quarkus;

import io.smallrye.config.ConfigValue;
import io.smallrye.config.SmallRyeConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.Config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code GET /greeting} shows a (non-secret) value that follows rotation; {@code GET /config} shows
 * where each secret property came from, never its value.
 */
@Path("/")
public class ConfigResource {

    private static final List<String> SECRET_PROPERTIES = List.of("db.password", "quarkus.datasource.password");

    @Inject
    AppSecrets secrets;

    @Inject
    Config config;

    /** The imported greeting, read live. */
    @GET
    @Path("greeting")
    @Produces(MediaType.TEXT_PLAIN)
    public String greeting() {
        return secrets.greeting();
    }

    /** {@code <property> <- <source name>} lines, no values. */
    @GET
    @Path("config")
    @Produces(MediaType.TEXT_PLAIN)
    public String sources() {
        SmallRyeConfig smallRye = config.unwrap(SmallRyeConfig.class);
        return SECRET_PROPERTIES.stream()
                .map(name -> {
                    ConfigValue value = smallRye.getConfigValue(name);
                    return name + " <- " + (value.getValue() == null ? "(not set)" : value.getSourceName());
                })
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
