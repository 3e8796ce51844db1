package dev.infisicalpro.internal.auth;

import dev.infisicalpro.testkit.FakeInfisical;
import dev.infisicalpro.testkit.FakeProject;
import dev.infisicalpro.testkit.Role;
import dev.infisicalpro.testkit.UniversalAuthCredentials;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each mechanism's login class loads only when that mechanism is used: a process on universal auth
 * never loads the Kubernetes, service-token or static-token login (cold-start class count, benchmark
 * B8). The client runs in a class loader of its own, so what this JVM loaded before does not count.
 */
class LoginClassLoadingTest {

    private static final String AUTH = "dev.infisicalpro.internal.auth.";
    private static final List<String> LOGINS = List.of("UniversalAuthLogin", "KubernetesLogin", "ServiceTokenLogin",
            "StaticTokenLogin");

    /** Loads the library afresh (parent: the platform loader) and tells which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() throws MalformedURLException {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() throws MalformedURLException {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<URL> urls = new ArrayList<>();
            for (String entry : cp.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            return urls.toArray(URL[]::new);
        }
    }

    private static Object call(Object target, String name, Object... args) throws Exception {
        Class<?> type = target instanceof Class<?> c ? c : target.getClass();
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                try {
                    m.setAccessible(true);
                    return m.invoke(target instanceof Class<?> ? null : target, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name);
    }

    /** Builds a client in {@code loader} with {@code credentials} and reads key K from dev:/. */
    private static void readOneValue(Isolated loader, String url, String projectId, Object credentials) throws Exception {
        Object builder = call(loader.loadClass("dev.infisicalpro.InfisicalClient"), "builder");
        call(builder, "host", url);
        call(builder, "credentials", credentials);
        call(builder, "retryPolicy", call(loader.loadClass("dev.infisicalpro.RetryPolicy"), "none"));
        try (AutoCloseable client = (AutoCloseable) call(builder, "build")) {
            Object project = call(loader.loadClass("dev.infisicalpro.ProjectRef"), "id", projectId);
            Object scope = call(loader.loadClass("dev.infisicalpro.Scope"), "of", project, "dev", "/");
            try {
                call(call(client, "secrets"), "get", scope, "K");
            } catch (RuntimeException e) {
                // a refused token still went through its login class; which classes loaded is the point
            }
        }
    }

    @Test
    void aUniversalAuthClientLoadsNoOtherMechanismsLoginClass() throws Exception {
        try (FakeInfisical fake = FakeInfisical.start(); Isolated loader = new Isolated()) {
            FakeProject project = fake.createProject("demo");
            project.putSecret("dev", "/", "K", "v");
            UniversalAuthCredentials ua = project.createUniversalAuthIdentity("app", Role.ADMIN,
                    Duration.ofHours(2), Duration.ofHours(24));
            Object credentials = call(loader.loadClass("dev.infisicalpro.Credentials"), "universalAuth",
                    ua.clientId(), ua.clientSecret());
            readOneValue(loader, fake.url(), project.id(), credentials);
            for (String login : LOGINS) {
                assertThat(loader.loaded(AUTH + login)).as(login).isEqualTo(login.equals("UniversalAuthLogin"));
            }
        }
    }

    @Test
    void aStaticTokenClientLoadsNoOtherMechanismsLoginClass() throws Exception {
        try (FakeInfisical fake = FakeInfisical.start(); Isolated loader = new Isolated()) {
            FakeProject project = fake.createProject("demo");
            Object credentials = call(loader.loadClass("dev.infisicalpro.Credentials"), "accessToken",
                    "not-a-token-the-fake-knows");
            readOneValue(loader, fake.url(), project.id(), credentials);
            for (String login : LOGINS) {
                assertThat(loader.loaded(AUTH + login)).as(login).isEqualTo(login.equals("StaticTokenLogin"));
            }
        }
    }
}
