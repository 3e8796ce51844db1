package dev.infisicalpro.examples.push;

import dev.infisicalpro.spring.bus.InfisicalPushEvent;
import dev.infisicalpro.testkit.WebhookDelivery;
import dev.infisicalpro.webhook.WebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on Spring Cloud Bus (Kafka binder, embedded KRaft broker); Infisical's webhook reaches only
 * instance A, yet both hold the new value seconds later, while each polls only every 10 minutes.
 */
class BusFanOutTest {

    static EmbeddedKafkaKraftBroker kafka;
    static PushFixture fixture;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static final List<InfisicalPushEvent> heardByB = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException {
        kafka = new EmbeddedKafkaKraftBroker(1, 1, "springCloudBus");
        kafka.afterPropertiesSet();
        fixture = new PushFixture();
        String brokers = "--spring.cloud.stream.kafka.binder.brokers=" + kafka.getBrokersAsString();
        a = fixture.start(brokers, "--spring.cloud.bus.id=push-example:a");
        b = fixture.start(brokers, "--spring.cloud.bus.id=push-example:b");
        b.addApplicationListener((ApplicationListener<InfisicalPushEvent>) heardByB::add);
        fixture.webhookTo(a);   // Infisical knows one address (in production: the load balancer's)
        awaitBusReady();
    }

    /**
     * A new bus consumer starts at the latest offset once Kafka has assigned it its partition; until then a
     * message would pass it by. Probe (an event for an environment no view reads) until B hears one.
     */
    static void awaitBusReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (heardByB.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance B never heard the bus within 60 s");
            }
            a.publishEvent(new InfisicalPushEvent(a, "push-example:a",
                    new WebhookEvent("probe", fixture.project.id(), "no-such-env", "/", Instant.now())));
            Thread.sleep(500);
        }
        heardByB.clear();
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    void oneWebhookRefreshesBothInstances() throws Exception {
        assertThat(a.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("initial");
        assertThat(b.getEnvironment().getProperty("DB_PASSWORD")).isEqualTo("initial");

        long start = System.nanoTime();
        Instant written = Instant.now();
        fixture.project.putSecret("dev", "/app", "DB_PASSWORD", "rotated-over-the-bus");
        long msA = PushFixture.millisUntil(() -> a.getEnvironment().getProperty("DB_PASSWORD"), "rotated-over-the-bus",
                start, Duration.ofSeconds(30));
        long msB = PushFixture.millisUntil(() -> b.getEnvironment().getProperty("DB_PASSWORD"), "rotated-over-the-bus",
                start, Duration.ofSeconds(30));

        List<WebhookDelivery> sent = fixture.fake.webhooks().awaitDeliveries(1, Duration.ofSeconds(5));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).url().getPort()).isEqualTo(PushFixture.port(a));
        assertThat(a.getBean(dev.infisicalpro.LiveSecrets.class)).as("each instance has its own live view")
                .isNotSameAs(b.getBean(dev.infisicalpro.LiveSecrets.class));
        InfisicalPushEvent push = heardByB.stream().filter(e -> e.getEventType().equals("secrets.modified"))
                .findFirst().orElseThrow(() -> new AssertionError("B heard no push over the bus: " + heardByB));
        assertThat(push.getEnvironment()).isEqualTo("dev");
        assertThat(push.getSecretPath()).isEqualTo("/app");
        assertThat(push.getProjectId()).isEqualTo(fixture.project.id());
        assertThat(push.getOriginService()).isEqualTo("push-example:a");
        assertThat(push.toString()).doesNotContain("rotated-over-the-bus").doesNotContain(PushFixture.KEY);
        String report = "bus fan-out write-to-visible ms (delivery delay " + fixture.fake.webhooks().delay().toMillis()
                + " ms): instance A " + msA + ", instance B " + msB + " (webhook sent at +"
                + Duration.between(written, sent.get(0).sentAt()).toMillis() + " ms)";
        System.out.println(report);
        Files.writeString(Path.of("target", "push-latency.txt"), report + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
