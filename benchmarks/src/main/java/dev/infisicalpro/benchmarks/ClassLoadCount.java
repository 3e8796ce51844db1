package dev.infisicalpro.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * B8 (and the whole-process half of B7): runs {@link ColdStart} in fresh JVMs against a {@link ColdServer}
 * process, for the library and for the bare-OkHttp floor, alternating, {@code rounds} times each. Reports
 * the median wall-clock time from process start to exit, the classes loaded ({@code -Xlog:class+load})
 * per package group, and, given core's runtime class path (one file, {@code :}-separated, as {@code mvn
 * dependency:build-classpath} writes it), the jars and bytes a one-dependency consumer ships.
 * Run: {@code java -cp ... dev.infisicalpro.benchmarks.ClassLoadCount <rounds> [core-classpath.txt]}.
 */
public final class ClassLoadCount {

    private ClassLoadCount() {
    }

    /** Package groups, first match wins. */
    private static final String[][] GROUPS = {
            {"dev.infisicalpro.", "dev.infisicalpro"},
            {"okhttp3.", "okhttp3"},
            {"okio.", "okio"},
            {"kotlin.", "kotlin"},
            {"com.fasterxml.jackson.databind.", "jackson-databind"},
            {"com.fasterxml.jackson.core.", "jackson-core"},
            {"com.fasterxml.jackson.annotation.", "jackson-annotations"},
            {"com.github.benmanes.caffeine.", "caffeine"},
            {"dev.infisicalpro.benchmarks.", "benchmark harness"},
            {"java.", "JDK java.*"},
            {"javax.", "JDK javax.*"},
            {"jdk.", "JDK jdk.*"},
            {"sun.", "JDK sun.*"},
    };

    static String group(String className) {
        if (className.startsWith("dev.infisicalpro.benchmarks.")) {
            return "benchmark harness";
        }
        for (String[] g : GROUPS) {
            if (className.startsWith(g[0])) {
                return g[1];
            }
        }
        return "other";
    }

    /**
     * One run: wall-clock millis from process start to exit, from {@code main} to the value, the process's
     * CPU millis, and classes per group.
     */
    record Run(long millis, long mainToValueMicros, long cpuMillis, Map<String, Integer> classes) {
        int total() {
            return classes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static Run run(String mode, ColdServer.Target t, boolean log) {
        try {
            Path file = Files.createTempFile("classload-" + mode, ".log");
            List<String> cmd = new ArrayList<>();
            cmd.add(ColdServer.javaBin());
            if (log) {
                cmd.add("-Xlog:class+load=info:file=" + file);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), mode,
                    t.apiUrl(), t.clientId(), t.clientSecret(), t.projectId(), t.key()));
            long start = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            int exit = p.waitFor();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (exit != 0) {
                throw new IllegalStateException(mode + " exited " + exit + ": " + new String(out, StandardCharsets.UTF_8));
            }
            Map<String, Integer> classes = new TreeMap<>();
            if (log) {
                for (String line : Files.readAllLines(file)) {
                    int tag = line.indexOf("[class,load] ");
                    if (tag < 0) {
                        continue;
                    }
                    String rest = line.substring(tag + "[class,load] ".length());
                    int space = rest.indexOf(' ');
                    classes.merge(group(space < 0 ? rest : rest.substring(0, space)), 1, Integer::sum);
                }
            }
            Files.deleteIfExists(file);
            String text = new String(out, StandardCharsets.UTF_8);
            return new Run(millis, number(text, "main-to-value-us="), number(text, "process-cpu-ms="), classes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long number(String text, String label) {
        int at = text.indexOf(label);
        if (at < 0) {
            throw new IllegalStateException("no " + label + " in: " + text);
        }
        int start = at + label.length();
        int end = start;
        while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(text.substring(start, end));
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (ColdServer.Process server = new ColdServer.Process(1).warm()) {
            Run bareClasses = run("bare", server.target, true);
            Run proClasses = run("pro", server.target, true);
            long[] bare = new long[rounds];
            long[] pro = new long[rounds];
            long[] bareMain = new long[rounds];
            long[] proMain = new long[rounds];
            long[] bareCpu = new long[rounds];
            long[] proCpu = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                Run b = run("bare", server.target, false);
                Run p = run("pro", server.target, false);
                bare[i] = b.millis();
                pro[i] = p.millis();
                bareMain[i] = b.mainToValueMicros() / 1000;
                proMain[i] = p.mainToValueMicros() / 1000;
                bareCpu[i] = b.cpuMillis();
                proCpu[i] = p.cpuMillis();
            }
            System.out.printf("fresh JVM, median of %d (bare OkHttp / infisical-pro / ratio):%n", rounds);
            System.out.printf("  process start to exit  %5d ms / %5d ms / %.2f%n", median(bare), median(pro),
                    (double) median(pro) / median(bare));
            System.out.printf("  main() to the value    %5d ms / %5d ms / %.2f%n", median(bareMain), median(proMain),
                    (double) median(proMain) / median(bareMain));
            System.out.printf("  process CPU time       %5d ms / %5d ms / %.2f%n", median(bareCpu), median(proCpu),
                    (double) median(proCpu) / median(bareCpu));
            System.out.println("  start-to-exit runs, bare: " + Arrays.toString(bare) + "  pro: " + Arrays.toString(pro));
            System.out.printf("classes loaded: bare OkHttp %d, infisical-pro %d, ratio %.2f%n", bareClasses.total(),
                    proClasses.total(), (double) proClasses.total() / bareClasses.total());
            TreeMap<String, Integer> groups = new TreeMap<>(bareClasses.classes());
            groups.putAll(proClasses.classes());
            for (String g : groups.keySet()) {
                System.out.printf("  %-20s bare %5d   pro %5d%n", g, bareClasses.classes().getOrDefault(g, 0),
                        proClasses.classes().getOrDefault(g, 0));
            }
        }
        if (args.length > 1) {
            String[] jars = Files.readString(Path.of(args[1])).trim().split(java.io.File.pathSeparator);
            long total = 0;
            System.out.println("runtime class path of a consumer of infisical-pro-core (+ the core jar):");
            for (String jar : jars) {
                long size = Files.size(Path.of(jar));
                total += size;
                System.out.printf("  %,10d  %s%n", size, Path.of(jar).getFileName());
            }
            System.out.printf("  %d jars, %,d bytes (%.2f MiB) without the core jar itself%n", jars.length, total,
                    total / 1048576.0);
        }
    }
}
