package dev.infisicalpro.benchmarks;

import dev.infisicalpro.Credentials;
import dev.infisicalpro.InfisicalClient;
import dev.infisicalpro.ProjectRef;
import dev.infisicalpro.Scope;

/**
 * Nothing to the first value (B7, B8): a new client, universal-auth login, one secret. Run as its own
 * process it is the whole-JVM measure: {@code java -cp ... ColdStart pro|bare <apiUrl> <clientId>
 * <clientSecret> <projectId> <key>} prints the value's length (never the value), the microseconds from
 * {@code main} to the value and the process's CPU time so far.
 */
public final class ColdStart {

    private ColdStart() {
    }

    /** The library: what a script or CLI call does. */
    static String infisicalPro(ColdServer.Target t) {
        try (InfisicalClient client = InfisicalClient.builder().host(t.apiUrl())
                .credentials(Credentials.universalAuth(t.clientId(), t.clientSecret())).build()) {
            return client.secrets().get(Scope.of(ProjectRef.id(t.projectId()), "dev", "/"), t.key()).value();
        }
    }

    /** The floor: the same login and one GET with bare OkHttp. */
    static String bareOkHttp(ColdServer.Target t) {
        BareOkHttp bare = new BareOkHttp(t.apiUrl());
        try {
            String token = bare.login(t.clientId(), t.clientSecret());
            return bare.getValue(bare.getOneUrl(t.projectId(), "dev", "/", t.key()), token);
        } finally {
            bare.close();
        }
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        ColdServer.Target t = new ColdServer.Target(args[1], args[2], args[3], args[4], args[5]);
        String value = "pro".equals(args[0]) ? infisicalPro(t) : bareOkHttp(t);
        long micros = (System.nanoTime() - start) / 1_000;
        // read after the value: whole-process CPU (JVM start, class loading, JIT threads), less sensitive to
        // other processes on a shared machine than wall-clock time
        long cpuMillis = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
        System.out.println("value-length=" + value.length() + " main-to-value-us=" + micros + " process-cpu-ms="
                + cpuMillis);
    }
}
