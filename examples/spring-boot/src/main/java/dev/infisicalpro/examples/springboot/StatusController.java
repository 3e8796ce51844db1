package dev.infisicalpro.examples.springboot;

import dev.infisicalpro.spring.InfisicalSecretsChangedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** {@code GET /status}: what the app got from Infisical, without showing a single secret value. */
@RestController
public class StatusController {

    private static final System.Logger LOG = System.getLogger(StatusController.class.getName());

    private final DataSourceSettings dataSource;
    private final ApiClient apiClient;
    private final AtomicInteger changes = new AtomicInteger();
    private final AtomicReference<Set<String>> lastChanged = new AtomicReference<>(Set.of());

    public StatusController(DataSourceSettings dataSource, ApiClient apiClient) {
        this.dataSource = dataSource;
        this.apiClient = apiClient;
    }

    @GetMapping("/status")
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("datasourceUrl", dataSource.getUrl());
        s.put("datasourceUser", dataSource.getUsername());
        s.put("datasourcePasswordSet", dataSource.getPassword() != null && !dataSource.getPassword().isEmpty());
        s.put("apiKeyFingerprint", apiClient.keyFingerprint());
        s.put("secretChanges", changes.get());
        s.put("lastChangedKeys", lastChanged.get());
        return s;
    }

    @EventListener
    public void onSecretsChanged(InfisicalSecretsChangedEvent event) {
        changes.incrementAndGet();
        lastChanged.set(event.keys());
        LOG.log(System.Logger.Level.INFO, "Infisical secrets changed: " + event.keys());
    }
}
