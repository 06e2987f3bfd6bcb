package org.museumevents.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** Renders a Kustomize directory with {@code kubectl kustomize}, the tool people apply it with. */
final class Kustomize {

    /** KUBERNETES_CHECKS=required (the CI sets it) turns a missing kubectl from a skip into a failure. */
    static final String REQUIRED = "KUBERNETES_CHECKS";

    private Kustomize() {}

    /** The manifests' root: the surefire configuration passes it, the module directory otherwise. */
    static Path manifests() {
        return Path.of(System.getProperty("kubernetes.manifests", "kubernetes"));
    }

    /**
     * kubectl, or the one the system property kubectl names. Its embedded Kustomize must be v5 or
     * newer: Debian's own kubernetes-client (kubectl 1.20, Kustomize v2) cannot read these manifests.
     */
    static String kubectl() {
        return System.getProperty("kubectl", "kubectl");
    }

    private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.");

    /** Skips the calling test without a usable kubectl, unless the environment requires the check. */
    static void assumeKubectl() {
        String unusable = UNUSABLE.get();
        if (unusable.isEmpty()) {
            return;
        }
        if ("required".equals(System.getenv(REQUIRED))) {
            fail(unusable + " (" + REQUIRED + "=required)");
        }
        Assumptions.abort(unusable + "; set " + REQUIRED + "=required to make this a failure");
    }

    /** Why kubectl cannot render the manifests, or empty if it can; asked once per test JVM. */
    private static final Supplier<String> UNUSABLE = new Supplier<>() {
        private String answer;

        @Override
        public synchronized String get() {
            if (answer == null) {
                answer = Optional.ofNullable(unusableKubectl()).orElse("");
            }
            return answer;
        }
    };

    private static String unusableKubectl() {
        try {
            Process process = new ProcessBuilder(kubectl(), "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return kubectl() + " version --client failed: " + output;
            }
            Matcher version = KUSTOMIZE_VERSION.matcher(output);
            if (!version.find() || Integer.parseInt(version.group(1)) < 5) {
                return kubectl() + " embeds no Kustomize v5 or newer, which these manifests need: " + output.strip();
            }
            return null;
        } catch (IOException e) {
            return kubectl() + " is not on the PATH, so the Kubernetes manifests cannot be rendered";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking kubectl for its version";
        }
    }

    static String render(Path directory) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder(kubectl(), "kustomize", directory.toString())
                        .redirectError(errors.toFile())
                        .start();
                // Read before waiting: a render larger than the pipe's buffer would block kubectl.
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("kubectl kustomize " + directory + " did not finish in 60 s");
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("kubectl kustomize " + directory + " failed (" + process.exitValue()
                            + "): " + Files.readString(errors));
                }
                return output;
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            throw new IllegalStateException("kubectl kustomize " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + directory, e);
        }
    }
}
