package dev.infisicalpro.examples.push;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application whose secrets follow Infisical within seconds of a change: Infisical posts a signed webhook to
 * {@code /infisical/webhook}, the instance that receives it tells the others over Spring Cloud Bus, and every
 * instance re-reads the changed folder. Polling stays on, every 10 minutes, as the safety net.
 */
@SpringBootApplication
public class PushApplication {

    public static void main(String[] args) {
        SpringApplication.run(PushApplication.class, args);
    }
}
