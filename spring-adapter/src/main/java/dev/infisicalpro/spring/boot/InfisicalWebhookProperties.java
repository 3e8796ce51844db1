package dev.infisicalpro.spring.boot;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Push refresh settings ({@code infisical.webhook.*}). The endpoint exists only when
 * {@code infisical.webhook.secret} (environment {@code INFISICAL_WEBHOOK_SECRET}) is set.
 *
 * <pre>{@code
 * infisical.webhook.secret=${INFISICAL_WEBHOOK_SECRET}
 * infisical.webhook.path=/infisical/webhook
 * }</pre>
 */
@ConfigurationProperties("infisical.webhook")
public class InfisicalWebhookProperties {

    /** The secret key entered in Infisical's webhook settings; turns the endpoint on. */
    private String secret;

    /** A second accepted key while the webhook's key is being changed in Infisical. */
    private String previousSecret;

    /** Path of the endpoint Infisical posts to. */
    private String path = "/infisical/webhook";

    /** How far a delivery's timestamp may be from this instance's clock, either way. */
    private Duration tolerance = Duration.ofMinutes(5);

    /** With Spring Cloud Bus on the class path: fan each push out to every instance. */
    private boolean bus = true;

    /** The key. */
    public String getSecret() {
        return secret;
    }

    /** Sets the key. */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    /** The second key. */
    public String getPreviousSecret() {
        return previousSecret;
    }

    /** Sets the second key. */
    public void setPreviousSecret(String previousSecret) {
        this.previousSecret = previousSecret;
    }

    /** The endpoint path. */
    public String getPath() {
        return path;
    }

    /** Sets the endpoint path. */
    public void setPath(String path) {
        this.path = path;
    }

    /** The timestamp tolerance. */
    public Duration getTolerance() {
        return tolerance;
    }

    /** Sets the timestamp tolerance. */
    public void setTolerance(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /** Whether pushes go over Spring Cloud Bus. */
    public boolean isBus() {
        return bus;
    }

    /** Sets whether pushes go over Spring Cloud Bus. */
    public void setBus(boolean bus) {
        this.bus = bus;
    }

    @Override
    public String toString() {
        return "InfisicalWebhookProperties[path=" + path + ", tolerance=" + tolerance + ", bus=" + bus + "]";
    }
}
