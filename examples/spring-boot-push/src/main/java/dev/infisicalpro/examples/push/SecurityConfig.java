package dev.infisicalpro.examples.push;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own security, plus the two lines push refresh needs: Infisical cannot log in, it signs
 * each webhook instead (the endpoint checks the signature), so {@code POST /infisical/webhook} is permitted and
 * exempt from CSRF; everything else stays as it was.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/infisical/webhook").permitAll()
                        .anyRequest().authenticated())
                .csrf(csrf -> csrf.ignoringRequestMatchers("/infisical/webhook"))
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }
}
