package dev.infisicalpro.cli.lint;

import java.util.Locale;

/** Which hosts plain http is acceptable for: loopback and names that only resolve inside a cluster. */
final class Hosts {

    private Hosts() {
    }

    static boolean isLocalOrClusterInternal(String host) {
        String h = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1")
                || h.endsWith(".svc") || h.endsWith(".svc.cluster.local") || h.endsWith(".cluster.local")
                || h.endsWith(".localhost")
                || !h.contains("."); // a bare service name resolves only inside the namespace
    }
}
