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
    /** Creates an instance; Spring Boot does this, applications need not. */
    public InfisicalWebhookProperties() {
    }

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

    /**
     * The secret key entered in Infisical's webhook settings; turns the endpoint on.
     *
     * @return the {@code infisical.webhook.secret} setting
     */
    public String getSecret() {
        return secret;
    }

    /**
     * Sets {@code infisical.webhook.secret}.
     *
     * @param secret the secret key entered in Infisical's webhook settings; turns the endpoint on
     */
    public void setSecret(String secret) {
        this.secret = secret;
    }

    /**
     * A second accepted key while the webhook's key is being changed in Infisical.
     *
     * @return the {@code infisical.webhook.previous-secret} setting
     */
    public String getPreviousSecret() {
        return previousSecret;
    }

    /**
     * Sets {@code infisical.webhook.previous-secret}.
     *
     * @param previousSecret A second accepted key while the webhook's key is being changed in Infisical
     */
    public void setPreviousSecret(String previousSecret) {
        this.previousSecret = previousSecret;
    }

    /**
     * Path of the endpoint Infisical posts to.
     *
     * @return the {@code infisical.webhook.path} setting
     */
    public String getPath() {
        return path;
    }

    /**
     * Sets {@code infisical.webhook.path}.
     *
     * @param path path of the endpoint Infisical posts to
     */
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * How far a delivery's timestamp may be from this instance's clock, either way.
     *
     * @return the {@code infisical.webhook.tolerance} setting
     */
    public Duration getTolerance() {
        return tolerance;
    }

    /**
     * Sets {@code infisical.webhook.tolerance}.
     *
     * @param tolerance how far a delivery's timestamp may be from this instance's clock, either way
     */
    public void setTolerance(Duration tolerance) {
        this.tolerance = tolerance;
    }

    /**
     * With Spring Cloud Bus on the class path: fan each push out to every instance.
     *
     * @return the {@code infisical.webhook.bus} setting
     */
    public boolean isBus() {
        return bus;
    }

    /**
     * Sets {@code infisical.webhook.bus}.
     *
     * @param bus with Spring Cloud Bus on the class path: fan each push out to every instance
     */
    public void setBus(boolean bus) {
        this.bus = bus;
    }

    @Override
    public String toString() {
        return "InfisicalWebhookProperties[path=" + path + ", tolerance=" + tolerance + ", bus=" + bus + "]";
    }
}
