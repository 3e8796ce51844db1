package dev.infisicalpro.examples.springboot;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code spring.datasource.*}, bound from the Infisical secrets {@code SPRING_DATASOURCE_URL},
 * {@code SPRING_DATASOURCE_USERNAME} and {@code SPRING_DATASOURCE_PASSWORD} the way environment
 * variables would bind. (The example needs no database; a real app would let Boot build its pool.)
 */
@ConfigurationProperties("spring.datasource")
public class DataSourceSettings {

    private String url;
    private String username;
    private String password;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    @Override
    public String toString() {
        return "DataSourceSettings[url=" + url + ", username=" + username + ", password=***]";
    }
}
