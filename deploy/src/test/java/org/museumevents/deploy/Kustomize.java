package org.museumevents.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

    /** Skips the calling test without kubectl, unless the environment requires the check. */
    static void assumeKubectl() {
        if (kubectlAvailable()) {
            return;
        }
        String reason = "kubectl is not on the PATH, so the Kubernetes manifests cannot be rendered";
        if ("required".equals(System.getenv(REQUIRED))) {
            fail(reason + " (" + REQUIRED + "=required)");
        }
        Assumptions.abort(reason + "; set " + REQUIRED + "=required to make this a failure");
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String render(Path directory) {
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            try {
                Process process = new ProcessBuilder("kubectl", "kustomize", directory.toString())
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
