package dev.infisicalpro;

import dev.infisicalpro.testkit.Fault;
import dev.infisicalpro.testkit.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.infisicalpro.LiveFixture.CANARY;
import static dev.infisicalpro.LiveFixture.LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour of {@link LiveSecrets} against FakeInfisical, on a manual scheduler and a fake clock. */
class LiveSecretsTest {

    private final LiveFixture f = new LiveFixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static SecretChange change(Set<String> added, Set<String> removed, Set<String> changed) {
        return new SecretChange(added, removed, changed);
    }

    @Test
    void firstLoadServesValuesWithProvenanceAndIsHealthy() {
        f.project.createFolder("dev", "/app");
        f.project.createFolder("staging", "/app");
        f.project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        f.project.putSecret("staging", "/app", "SHARED_URL", "https://shared");
        f.project.addImport("dev", "/app", "staging", "/app");

        try (LiveSecrets live = f.live("/app").start()) {
            assertThat(live.get("DB_PASSWORD")).isEqualTo(CANARY);
            assertThat(live.find("SHARED_URL")).contains("https://shared");
            assertThat(live.find("MISSING")).isEmpty();
            SecretSnapshot snap = live.snapshot();
            assertThat(snap.keys()).containsExactlyInAnyOrder("DB_PASSWORD", "SHARED_URL");
            assertThat(snap.secrets().get("DB_PASSWORD").source())
                    .isEqualTo(new Provenance("dev", SecretPath.of("/app"), false));
            assertThat(snap.secrets().get("SHARED_URL").source())
                    .isEqualTo(new Provenance("staging", SecretPath.of("/app"), true));
            assertThat(snap.values()).containsEntry("DB_PASSWORD", CANARY).hasSize(2);
            assertThat(snap.values().values()).contains(CANARY);
            // every view of the snapshot prints names, never values
            assertThat(List.of(snap.toString(), snap.values().toString(), snap.values().values().toString(),
                    snap.values().entrySet().toString(), snap.secrets().toString(), live.toString(),
                    live.status().toString())).noneMatch(s -> s.contains(CANARY));
            assertThat(snap.etag()).isNotEmpty();
            assertThat(snap.fetchedAt()).isEqualTo(f.clock.instant());
            LiveStatus status = live.status();
            assertThat(status.loaded()).isTrue();
            assertThat(status.healthy()).isTrue();
            assertThat(status.stale()).isFalse();
            assertThat(status.consecutiveFailures()).isZero();
            assertThat(status.lastSuccess()).contains(f.clock.instant());
            assertThat(live.query()).isEqualTo(f.query("/app"));
        }
    }

    @Test
    void theQueryOptionsAreSentExplicitlyForEveryFolderOnEveryRefresh() {
        f.project.createFolder("dev", "/app");
        f.project.createFolder("dev", "/app/db");
        f.project.putSecret("dev", "/app/db", "NESTED", "n");
        ListOptions options = ListOptions.defaults().withRecursive(true).withIncludeImports(false)
                .withExpandReferences(false);
        try (LiveSecrets live = f.client.live(f.query("/app").withOptions(options)).scheduler(f.scheduler).start()) {
            live.refreshNow();
            assertThat(live.get("NESTED")).isEqualTo("n");
            assertThat(f.fake.journal().requests("GET", LIST)).hasSize(2).allSatisfy(r -> {
                assertThat(r.queryParam("recursive")).contains("true");
                assertThat(r.queryParam("include_imports")).contains("false");
                assertThat(r.queryParam("expandSecretReferences")).contains("false");
                assertThat(r.queryParam("secretPath")).contains("/app");
            });
        }
    }

    @Test
    void worksWithAServiceTokenInTheTokensOwnProject() {
        f.project.createFolder("dev", "/app");
        f.project.putSecret("dev", "/app", "A", CANARY);
        dev.infisicalpro.testkit.ServiceTokenCredentials st = f.project.createServiceToken("live",
                List.of(dev.infisicalpro.testkit.TokenScope.of("dev", "/**")),
                java.util.EnumSet.of(dev.infisicalpro.testkit.Permission.READ));
        try (InfisicalClient client = InfisicalClient.builder().host(f.fake.url())
                .credentials(Credentials.serviceToken(st.token())).clock(f.clock).build();
             LiveSecrets live = client.live(SecretQuery.of(ProjectRef.fromToken(), "dev", "/app"))
                     .scheduler(f.scheduler).start()) {
            assertThat(live.get("A")).isEqualTo(CANARY);
            f.project.putSecret("dev", "/app", "A", "rotated");
            assertThat(live.refreshNow().changed()).containsExactly("A");
            assertThat(live.get("A")).isEqualTo("rotated");
            assertThat(f.logs.all()).doesNotContain(CANARY).doesNotContain(st.token());
        }
    }

    @Test
    void getOfAnAbsentKeyThrowsSecretNotFoundNamingTheKeyAndQuery() {
        f.project.putSecret("dev", "/", "PRESENT", CANARY);
        try (LiveSecrets live = f.live("/").start()) {
            assertThatThrownBy(() -> live.get("ABSENT"))
                    .isInstanceOf(SecretNotFoundException.class)
                    .hasMessageContaining("ABSENT")
                    .hasMessageContaining("dev:")
                    .hasMessageNotContaining(CANARY);
        }
    }

    @Test
    void refreshSendsIfNoneMatchAndA304KeepsTheSnapshotWithoutAnEvent() {
        f.project.putSecret("dev", "/", "API_KEY", CANARY);
        try (LiveSecrets live = f.startRecording(f.live("/"))) {
            SecretSnapshot before = live.snapshot();
            f.fake.journal().clear();
            f.clock.advance(Duration.ofSeconds(5));

            SecretChange change = live.refreshNow();

            assertThat(change.isEmpty()).isTrue();
            List<RecordedRequest> lists = f.fake.journal().requests("GET", LIST);
            assertThat(lists).hasSize(1);
            assertThat(lists.get(0).header("If-None-Match")).contains(before.etag());
            SecretSnapshot after = live.snapshot();
            assertThat(after.revision()).isEqualTo(before.revision()); // nothing parsed, nothing rebuilt
            assertThat(after.etag()).isEqualTo(before.etag());
            assertThat(after.fetchedAt()).isEqualTo(f.clock.instant()); // a 304 confirms the data
            assertThat(live.status().lastSuccess()).contains(f.clock.instant());
            assertThat(f.events).isEmpty();
        }
    }

    @Test
    void addedRemovedAndChangedKeysProduceExactlyOneEventWithKeyNamesOnly() {
        f.project.putSecret("dev", "/", "KEEP", "same");
        f.project.putSecret("dev", "/", "ROTATE", "v1");
        f.project.putSecret("dev", "/", "DROP", "old");
        try (LiveSecrets live = f.startRecording(f.live("/"))) {
            f.project.putSecret("dev", "/", "ROTATE", CANARY);
            f.project.deleteSecret("dev", "/", "DROP");
            f.project.putSecret("dev", "/", "NEW", "fresh");

            SecretChange change = live.refreshNow();

            SecretChange expected = change(Set.of("NEW"), Set.of("DROP"), Set.of("ROTATE"));
            assertThat(change).isEqualTo(expected);
            assertThat(f.events).containsExactly(expected);
            assertThat(change.toString()).doesNotContain(CANARY).doesNotContain("fresh");
            assertThat(live.get("ROTATE")).isEqualTo(CANARY);
            assertThat(live.find("DROP")).isEmpty();
            assertThat(live.get("NEW")).isEqualTo("fresh");

            assertThat(live.refreshNow().isEmpty()).isTrue();
            assertThat(f.events).hasSize(1);
        }
    }

    @Test
    void changeEventsNameKeysInKeyOrder() {
        try (LiveSecrets live = f.startRecording(f.live("/"))) {
            for (String key : List.of("ZETA", "ALPHA", "MU", "BETA")) {
                f.project.putSecret("dev", "/", key, CANARY);
            }
            SecretChange change = live.refreshNow();
            assertThat(change.added()).containsExactly("ALPHA", "BETA", "MU", "ZETA");
            assertThat(change.allKeys()).containsExactly("ALPHA", "BETA", "MU", "ZETA");
            assertThat(change.toString()).contains("[ALPHA, BETA, MU, ZETA]").doesNotContain(CANARY);
        }
    }

    @Test
    void backgroundRefreshRunsEveryResyncIntervalWithTenPercentJitter() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.startRecording(f.live("/").resyncInterval(Duration.ofSeconds(60)))) {
            for (int i = 0; i < 5; i++) {
                assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                        .isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66)));
                if (i == 2) {
                    f.project.putSecret("dev", "/", "A", "2");
                }
                f.scheduler.runNext();
            }
            assertThat(f.lists()).isEqualTo(6);
            assertThat(f.events).containsExactly(change(Set.of(), Set.of(), Set.of("A")));
            assertThat(live.get("A")).isEqualTo("2");
        }
    }

    @Test
    void zeroResyncIntervalNeverRefreshesInTheBackground() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ZERO).start()) {
            assertThat(f.scheduler.pending()).isZero();
            assertThat(live.get("A")).isEqualTo("1");
        }
    }

    @Test
    void outageKeepsTheLastGoodValuesMarksStatusStaleBacksOffAndRecovers() {
        f.project.putSecret("dev", "/", "DB_PASSWORD", CANARY);
        try (LiveSecrets live = f.startRecording(f.live("/").resyncInterval(Duration.ofSeconds(60)))) {
            f.fake.faults().next("GET", LIST, 3, Fault.status(503));
            f.scheduler.runNext(); // the regular refresh hits the outage

            LiveStatus s1 = live.status();
            assertThat(s1.stale()).isTrue();
            assertThat(s1.healthy()).isTrue(); // no max staleness configured
            assertThat(s1.consecutiveFailures()).isEqualTo(1);
            assertThat(s1.lastErrorType()).contains("TransportException");
            assertThat(live.get("DB_PASSWORD")).isEqualTo(CANARY);
            // exponential backoff with jitter in [0.5, 1] x 1 s, 2 s, 4 s
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isBetween(Duration.ofMillis(500), Duration.ofSeconds(1)));
            f.scheduler.runNext();
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
            f.scheduler.runNext();
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4)));
            assertThat(live.status().consecutiveFailures()).isEqualTo(3);
            assertThat(live.get("DB_PASSWORD")).isEqualTo(CANARY);

            f.project.putSecret("dev", "/", "DB_PASSWORD", "rotated-during-outage");
            f.scheduler.runNext(); // outage over

            LiveStatus s2 = live.status();
            assertThat(s2.stale()).isFalse();
            assertThat(s2.consecutiveFailures()).isZero();
            assertThat(s2.lastErrorType()).isEmpty();
            assertThat(s2.lastSuccess()).contains(f.clock.instant());
            assertThat(live.get("DB_PASSWORD")).isEqualTo("rotated-during-outage");
            assertThat(f.events).containsExactly(change(Set.of(), Set.of(), Set.of("DB_PASSWORD")));
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66)));
            // one warning for the outage, none per retry; never a value
            assertThat(f.logs.warnings()).hasSize(1);
            assertThat(f.logs.all()).doesNotContain(CANARY).doesNotContain("rotated-during-outage");
        }
    }

    @Test
    void backoffIsCappedAtEightResyncIntervals() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofSeconds(2)).start()) {
            f.fake.faults().next("GET", LIST, 20, Fault.status(503));
            for (int i = 0; i < 10; i++) {
                f.scheduler.runNext();
            }
            assertThat(live.status().consecutiveFailures()).isEqualTo(10);
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16)));
        }
    }

    @Test
    void rateLimitedRefreshWaitsAtLeastRetryAfter() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofSeconds(60)).start()) {
            f.fake.faults().next("GET", LIST, 1, Fault.rateLimited(Duration.ofSeconds(45)));
            f.scheduler.runNext();
            assertThat(live.status().lastErrorType()).contains("RateLimitException");
            assertThat(f.scheduler.pendingDelays()).singleElement().satisfies(d -> assertThat(d)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(45)));
            f.scheduler.runNext();
            assertThat(live.status().consecutiveFailures()).isZero();
        }
    }

    @Test
    void rejectedCredentialsAreRetriedOnlyAtTheBackoffCapNeverInAFastLoop() {
        f.project.putSecret("dev", "/", "A", CANARY);
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofSeconds(60)).start()) {
            f.project.deleteIdentity(f.identity.identityId());
            f.clock.advance(Duration.ofHours(3)); // the access token has expired: the next refresh must log in
            int loginsBefore = f.logins();

            f.scheduler.runNext();

            assertThat(live.status().lastErrorType()).contains("AuthenticationException");
            assertThat(f.logins() - loginsBefore).isEqualTo(1);
            // min(5 min, 8 x 60 s) = 5 min, without jitter below it: newer servers lock identities out
            assertThat(f.scheduler.pendingDelays()).containsExactly(Duration.ofMinutes(5));
            assertThat(live.get("A")).isEqualTo(CANARY);
            assertThat(f.logs.all()).doesNotContain(CANARY).doesNotContain(f.identity.clientSecret());
        }
    }

    @Test
    void refreshNowFailureThrowsAndKeepsTheLastGoodSnapshot() {
        f.project.putSecret("dev", "/", "A", CANARY);
        try (LiveSecrets live = f.live("/").start()) {
            SecretSnapshot before = live.snapshot();
            f.fake.faults().next("GET", LIST, 1, Fault.status(503));
            assertThatThrownBy(live::refreshNow).isInstanceOf(TransportException.class);
            assertThat(live.snapshot()).isSameAs(before);
            assertThat(live.status().consecutiveFailures()).isEqualTo(1);
            assertThat(live.refreshNow().isEmpty()).isTrue();
            assertThat(live.status().consecutiveFailures()).isZero();
        }
    }

    @Test
    void expiredAccessTokenBetweenRefreshesLeadsToANewLogin() {
        try (LiveFixture shortTokens = new LiveFixture(Duration.ofMinutes(5))) {
            shortTokens.project.putSecret("dev", "/", "A", "1");
            try (LiveSecrets live = shortTokens.live("/").resyncInterval(Duration.ofMinutes(10)).start()) {
                assertThat(shortTokens.logins()).isEqualTo(1);
                shortTokens.project.putSecret("dev", "/", "A", "2");
                shortTokens.scheduler.runNext(); // ~10 min later: the 5 min token has expired

                assertThat(shortTokens.logins()).isGreaterThanOrEqualTo(2);
                assertThat(live.status().consecutiveFailures()).isZero();
                assertThat(live.get("A")).isEqualTo("2");
            }
        }
    }

    @Test
    void aThrowingListenerStopsNeitherTheOtherListenersNorTheLoop() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofSeconds(60)).start()) {
            live.addListener(c -> {
                throw new IllegalStateException("listener bug quoting " + CANARY);
            });
            live.addListener(f.events::add);

            f.project.putSecret("dev", "/", "A", CANARY);
            f.scheduler.runNext();
            f.project.putSecret("dev", "/", "A", "3");
            f.scheduler.runNext();

            assertThat(f.events).hasSize(2);
            assertThat(f.scheduler.pending()).isEqualTo(1); // the loop goes on
            assertThat(live.status().consecutiveFailures()).isZero();
            List<String> warnings = f.logs.warnings();
            assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w)
                    .contains("IllegalStateException").contains("[A]"));
            assertThat(f.logs.all()).doesNotContain(CANARY);
        }
    }

    @Test
    void aListenerOnTheRefreshingThreadMayRefreshAgainAndEventsKeepTheirOrder() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) { // listeners run inline on the refreshing thread
            live.addListener(c -> {
                f.events.add(c);
                if (c.changed().contains("A")) {
                    f.project.putSecret("dev", "/", "B", "new");
                    live.refreshNow(); // must not wait for the refresh that is notifying it
                }
            });
            f.project.putSecret("dev", "/", "A", "2");
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), live::refreshNow);
            assertThat(f.events).containsExactly(change(Set.of(), Set.of(), Set.of("A")),
                    change(Set.of("B"), Set.of(), Set.of()));
            assertThat(live.get("B")).isEqualTo("new");
        }
    }

    @Test
    void removedListenerHearsNothingMore() {
        f.project.putSecret("dev", "/", "A", "1");
        try (LiveSecrets live = f.live("/").start()) {
            Subscription handle = live.addListener(f.events::add);
            f.project.putSecret("dev", "/", "A", "2");
            live.refreshNow();
            handle.close();
            f.project.putSecret("dev", "/", "A", "3");
            live.refreshNow();
            assertThat(f.events).hasSize(1);
        }
    }

    @Test
    void severalPathsMergeInOrderLaterWinsWithOneCollisionWarning() {
        f.project.createFolder("dev", "/shared");
        f.project.createFolder("dev", "/app");
        f.project.putSecret("dev", "/shared", "DB_URL", "jdbc:shared");
        f.project.putSecret("dev", "/shared", "DB_PASSWORD", CANARY + "-shared");
        f.project.putSecret("dev", "/shared", "ONLY_SHARED", "s");
        f.project.putSecret("dev", "/app", "DB_PASSWORD", CANARY);
        f.project.putSecret("dev", "/app", "ONLY_APP", "a");

        try (LiveSecrets live = f.startRecording(f.live("/shared", "/app"))) {
            assertThat(live.get("DB_PASSWORD")).isEqualTo(CANARY);
            assertThat(live.snapshot().secrets().get("DB_PASSWORD").path()).isEqualTo(SecretPath.of("/app"));
            assertThat(live.get("DB_URL")).isEqualTo("jdbc:shared");
            assertThat(live.snapshot().keys()).containsExactlyInAnyOrder("DB_URL", "DB_PASSWORD", "ONLY_SHARED",
                    "ONLY_APP");
            assertThat(f.fake.journal().requests("GET", LIST)).extracting(r -> r.queryParam("secretPath").orElse(""))
                    .containsExactly("/shared", "/app");
            List<String> warnings = f.logs.warnings();
            assertThat(warnings).singleElement().satisfies(w -> assertThat(w)
                    .contains("DB_PASSWORD").contains("/shared, /app").doesNotContain("DB_URL")
                    .doesNotContain(CANARY));

            // a refresh that changes no collision logs nothing new
            f.project.putSecret("dev", "/app", "ONLY_APP", "a2");
            assertThat(live.refreshNow().changed()).containsExactly("ONLY_APP");
            assertThat(f.logs.warnings()).hasSize(1);

            // a new colliding key: one more warning, naming the new set
            f.project.putSecret("dev", "/app", "DB_URL", "jdbc:app");
            assertThat(live.refreshNow().changed()).containsExactly("DB_URL");
            assertThat(live.get("DB_URL")).isEqualTo("jdbc:app");
            assertThat(f.logs.warnings()).hasSize(2);
            assertThat(f.logs.warnings().get(1)).contains("DB_PASSWORD").contains("DB_URL");
            assertThat(f.logs.all()).doesNotContain(CANARY).doesNotContain("jdbc:");
        }
    }

    @Test
    void onlyTheFolderThatChangedIsTransferredAgain() {
        f.project.createFolder("dev", "/a");
        f.project.createFolder("dev", "/b");
        f.project.putSecret("dev", "/a", "A", "1");
        f.project.putSecret("dev", "/b", "B", "1");
        try (LiveSecrets live = f.live("/a", "/b").start()) {
            f.fake.journal().clear();
            f.project.putSecret("dev", "/b", "B", "2");
            assertThat(live.refreshNow().changed()).containsExactly("B");
            List<RecordedRequest> lists = f.fake.journal().requests("GET", LIST);
            assertThat(lists).hasSize(2).allSatisfy(r -> assertThat(r.header("If-None-Match")).isPresent());
            assertThat(live.get("A")).isEqualTo("1");
            assertThat(live.get("B")).isEqualTo("2");
        }
    }

    @Test
    void failFastStartThrowsTheFirstLoadFailureAndLeavesNothingScheduled() {
        f.fake.faults().next("GET", LIST, 1, Fault.status(503));
        assertThatThrownBy(() -> f.live("/").start()).isInstanceOf(TransportException.class);
        assertThat(f.scheduler.pending()).isZero();
    }

    @Test
    void failFastFalseStartsEmptyWarnsOnceAndReportsTheAddedKeysWhenItLoads() {
        f.project.putSecret("dev", "/", "A", CANARY);
        f.project.putSecret("dev", "/", "B", "b");
        f.fake.faults().next("GET", LIST, 4, Fault.status(503));

        try (LiveSecrets live = f.startRecording(f.live("/").failFast(false))) {
            assertThat(live.snapshot().keys()).isEmpty();
            assertThatThrownBy(() -> live.get("A")).isInstanceOf(SecretNotFoundException.class)
                    .hasMessageContaining("not loaded yet");
            LiveStatus status = live.status();
            assertThat(status.loaded()).isFalse();
            assertThat(status.healthy()).isFalse();
            assertThat(status.lastSuccess()).isEmpty();
            assertThat(status.lastErrorType()).contains("TransportException");

            f.scheduler.runNext();
            f.scheduler.runNext();
            f.scheduler.runNext(); // 4th attempt fails too
            assertThat(live.status().consecutiveFailures()).isEqualTo(4);
            assertThat(f.events).isEmpty();
            f.scheduler.runNext(); // loads

            assertThat(live.get("A")).isEqualTo(CANARY);
            assertThat(live.status().loaded()).isTrue();
            assertThat(live.status().healthy()).isTrue();
            assertThat(f.events).containsExactly(change(Set.of("A", "B"), Set.of(), Set.of()));
            assertThat(f.logs.warnings()).singleElement().satisfies(w -> assertThat(w)
                    .contains("could not be loaded at startup").contains("fail-fast"));
            assertThat(f.logs.all()).doesNotContain(CANARY);
        }
    }

    @Test
    void failFastFalseKeepsRetryingEvenWithBackgroundRefreshOff() {
        f.project.putSecret("dev", "/", "A", "1");
        f.fake.faults().next("GET", LIST, 1, Fault.status(503));
        try (LiveSecrets live = f.live("/").failFast(false).resyncInterval(Duration.ZERO).start()) {
            f.scheduler.runNext();
            assertThat(live.get("A")).isEqualTo("1");
            assertThat(f.scheduler.pending()).isZero(); // loaded: no more background work
        }
    }

    @Test
    void maxStalenessTurnsStatusUnhealthyButValuesAreStillServed() {
        f.project.putSecret("dev", "/", "A", CANARY);
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofMinutes(1))
                .maxStaleness(Duration.ofMinutes(5)).start()) {
            f.fake.faults().next("GET", LIST, 100, Fault.status(503));
            f.scheduler.advance(Duration.ofMinutes(4));
            assertThat(live.status().healthy()).isTrue();
            assertThat(live.status().stale()).isTrue();

            f.scheduler.advance(Duration.ofMinutes(2));
            LiveStatus s = live.status();
            assertThat(s.healthy()).isFalse();
            assertThat(s.age()).isGreaterThan(Duration.ofMinutes(5));
            assertThat(live.get("A")).isEqualTo(CANARY);
        }
    }

    @Test
    void serveStaleFalseRefusesReadsPastMaxStaleness() {
        f.project.putSecret("dev", "/", "A", CANARY);
        try (LiveSecrets live = f.live("/").resyncInterval(Duration.ofMinutes(1))
                .maxStaleness(Duration.ofMinutes(5)).serveStale(false).start()) {
            f.fake.faults().next("GET", LIST, 100, Fault.status(503));
            f.scheduler.advance(Duration.ofMinutes(6));
            assertThatThrownBy(() -> live.get("A")).isInstanceOf(InfisicalException.class)
                    .hasMessageContaining("stale").hasMessageNotContaining(CANARY);
            assertThatThrownBy(live::snapshot).isInstanceOf(InfisicalException.class);
            f.fake.faults().clear();
            live.refreshNow();
            assertThat(live.get("A")).isEqualTo(CANARY);
        }
    }

    @Test
    void invalidBuilderSettingsFailBeforeAnyRequest() {
        // Caffeine-style: a bad value fails where it is set, a bad combination when the view starts
        assertThatThrownBy(() -> f.live("/").resyncInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resyncInterval");
        assertThatThrownBy(() -> f.live("/").resyncInterval(Duration.ofDays(400)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than a year");
        assertThatThrownBy(() -> f.live("/").maxStaleness(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStaleness");
        assertThatThrownBy(() -> f.live("/").serveStale(false).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxStaleness");
        assertThat(f.lists()).isZero();
    }

    @Test
    void closeCancelsTheScheduledRefreshAndLeavesTheInjectedSchedulerAlone() {
        f.project.putSecret("dev", "/", "A", "1");
        LiveSecrets live = f.live("/").start();
        assertThat(f.scheduler.pending()).isEqualTo(1);
        live.close();
        live.close(); // idempotent
        assertThat(f.scheduler.pending()).isZero();
        assertThat(f.scheduler.isShutdown()).isFalse();
        assertThat(live.get("A")).isEqualTo("1"); // reads keep answering from the last snapshot
        assertThatThrownBy(live::refreshNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void secretValuesNeverAppearInToStringsOrLogs() {
        f.project.createFolder("dev", "/x");
        f.project.putSecret("dev", "/", "A", CANARY);
        f.project.putSecret("dev", "/x", "A", CANARY + "2");
        try (LiveSecrets live = f.startRecording(f.live("/", "/x").maxStaleness(Duration.ofSeconds(1)))) {
            f.project.putSecret("dev", "/x", "A", CANARY + "3");
            live.refreshNow();
            f.fake.faults().next("GET", LIST, 1, Fault.status(503));
            assertThatThrownBy(live::refreshNow).hasMessageNotContaining(CANARY);
            f.clock.advance(Duration.ofMinutes(1));
            String all = String.join("|", live.toString(), live.snapshot().toString(),
                    live.snapshot().values().toString(), live.snapshot().values().entrySet().toString(),
                    live.snapshot().secrets().toString(), live.status().toString(), f.events.toString(),
                    live.query().toString());
            assertThat(all).contains("A").doesNotContain(CANARY);
            assertThat(f.logs.messages()).isNotEmpty();
            assertThat(f.logs.all()).doesNotContain(CANARY);
        }
    }
}
