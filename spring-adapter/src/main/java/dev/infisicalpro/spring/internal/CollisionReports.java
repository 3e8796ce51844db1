package dev.infisicalpro.spring.internal;

import dev.infisicalpro.LiveSecrets;

import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Name collisions already reported per live view, so each is logged once: a re-created property source
 * (a Spring Cloud refresh) stays quiet, and a collision the Boot loader reported through the deferred
 * startup log is not logged again. Not API.
 */
public final class CollisionReports {

    private static final Map<LiveSecrets, Set<String>> REPORTED = Collections.synchronizedMap(new WeakHashMap<>());

    private CollisionReports() {
    }

    /** True the first time {@code collision} is reported for {@code live}. */
    public static boolean firstTime(LiveSecrets live, String collision) {
        return REPORTED.computeIfAbsent(live, l -> Collections.synchronizedSet(new HashSet<>())).add(collision);
    }
}
