package dev.infisicalpro.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A web app whose datasource credentials and API key come from Infisical
 * ({@code spring.config.import=infisical:/app} in {@code application.properties}).
 * Run it with {@code mvn spring-boot:run} or {@code java -jar target/example-spring-boot-0.1.0-SNAPSHOT.jar};
 * without {@code INFISICAL_API_URL} it starts an embedded FakeInfisical first.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

    public static void main(String[] args) {
        EmbeddedInfisical.startIfNeeded();
        SpringApplication.run(DemoApplication.class, args);
    }
}
