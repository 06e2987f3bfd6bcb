package org.museumevents.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay with {@code kubectl kustomize} and holds it to the deployment's rules (issue 18),
 * without a cluster. Skipped where kubectl is missing, unless KUBERNETES_CHECKS=required (the CI).
 */
class KubernetesManifestsTest {

    static final List<String> SERVICES =
            List.of("catalog-service", "registration-service", "notification-service", "gateway");

    static final List<String> AUTOSCALED = List.of("gateway", "registration-service");

    /**
     * The Secrets production reads and nobody commits: created by hand or by the operators, as
     * kubernetes/README.md says, with the keys read.
     */
    static final Map<String, Set<String>> PRODUCTION_SECRETS = Map.ofEntries(
            Map.entry("catalog-service-db", Set.of("username", "password")),
            Map.entry("registration-service-db", Set.of("username", "password")),
            Map.entry("notification-service-db", Set.of("username", "password")),
            Map.entry("gateway-db", Set.of("username", "password")),
            Map.entry("gateway-identity", Set.of("signing-key.pem", "identity.yaml")),
            Map.entry("notification-service-smtp", Set.of("username", "password")),
            Map.entry("catalog-service-kafka", Set.of("sasl.jaas.config")),
            Map.entry("registration-service-kafka", Set.of("sasl.jaas.config")),
            Map.entry("notification-service-kafka", Set.of("sasl.jaas.config")),
            Map.entry("museum-events-pg-ca", Set.of("ca.crt")),
            Map.entry("museum-events-cluster-ca-cert", Set.of("ca.crt")));

    private static final Pattern DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/([A-Za-z0-9_]+)");
    private static final Pattern CREATE_DATABASE = Pattern.compile("(?i)CREATE DATABASE\\s+([A-Za-z0-9_]+)");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    @BeforeEach
    void kubectl() {
        Kustomize.assumeKubectl();
    }

    static Manifests overlay(String name) {
        return RENDERED.computeIfAbsent(
                name,
                n -> Manifests.parse(Kustomize.render(
                        Kustomize.manifests().resolve("overlays").resolve(n))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everyImageIsPinned(String overlay) {
        assertThat(ManifestRules.imagesArePinned(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everyContainerHasProbesLimitsAndAnUnprivilegedUser(String overlay) {
        assertThat(ManifestRules.containersAreHardened(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void probesUseTheContainersPorts(String overlay) {
        assertThat(ManifestRules.probesUseContainerPorts(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void eachServiceHasADeploymentAServiceAndADisruptionBudgetOnItsPods(String overlay) {
        assertThat(ManifestRules.servicesAreComplete(overlay(overlay), SERVICES))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everySelectorSelectsPods(String overlay) {
        assertThat(ManifestRules.selectorsMatch(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void servicesDrainBeforeTheyStopAndWriteOnlyToTmp(String overlay) {
        Manifests manifests = overlay(overlay);
        assertThat(ManifestRules.shutdownIsGraceful(manifests, SERVICES)).isEmpty();
        assertThat(ManifestRules.rootFilesystemIsReadOnly(manifests, SERVICES)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "local"})
    void everyVariableAnEnvValueRefersToIsDefinedBeforeIt(String overlay) {
        assertThat(ManifestRules.variableReferencesResolve(overlay(overlay))).isEmpty();
    }

    @Test
    void productionReadsOnlyItsOwnConfigMapsAndTheDocumentedExternalSecrets() {
        Manifests production = overlay("production");
        assertThat(ManifestRules.referencesResolve(production, PRODUCTION_SECRETS))
                .isEmpty();
        assertThat(ManifestRules.secretsRead(production)).isEqualTo(new TreeSet<>(PRODUCTION_SECRETS.keySet()));
    }

    @Test
    void productionCarriesNoSecret() {
        assertThat(overlay("production").all(Secret.class).map(s -> s.getMetadata()
                        .getName()))
                .isEmpty();
    }

    @Test
    void theReadmeNamesEveryExternalSecret() throws IOException {
        String readme = Files.readString(Kustomize.manifests().resolve("README.md"));
        assertThat(PRODUCTION_SECRETS.keySet())
                .allSatisfy(name -> assertThat(readme).contains(name));
    }

    @Test
    void productionRunsTwoOfEachAndAutoscalesTheGatewayAndRegistrationsFromTwoToSix() {
        Manifests production = overlay("production");
        assertThat(ManifestRules.autoscaled(production, AUTOSCALED, 2, 6)).isEmpty();
        assertThat(production
                        .all(Deployment.class)
                        .filter(d -> !AUTOSCALED.contains(d.getMetadata().getName())))
                .allSatisfy(d -> assertThat(d.getSpec().getReplicas())
                        .as(d.getMetadata().getName())
                        .isGreaterThanOrEqualTo(2));
    }

    @Test
    void productionImagesCarryAVersionTag() {
        assertThat(overlay("production").all(Deployment.class))
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getImage)
                .allSatisfy(image -> assertThat(image).doesNotContain("SNAPSHOT"));
    }

    @Test
    void localReadsOnlyWhatItRenders() {
        assertThat(ManifestRules.referencesResolve(overlay("local"), Map.of())).isEmpty();
    }

    @Test
    void localRunsTheImagesOfDockerCompose() throws IOException {
        JsonNode compose = new YAMLMapper()
                .readTree(Path.of(System.getProperty("compose.file", "../docker-compose.yml"))
                        .toFile());
        Set<String> composeImages = new TreeSet<>();
        compose.path("services").forEach(s -> composeImages.add(s.path("image").asText()));
        Set<String> localImages = overlay("local")
                .workloads()
                .flatMap(w -> w.template().getSpec().getContainers().stream())
                .map(Container::getImage)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(localImages).isEqualTo(composeImages);
    }

    @Test
    void localPostgresCreatesEveryDatabaseTheServicesUse() {
        Manifests local = overlay("local");
        Set<String> used = new TreeSet<>();
        local.all(Deployment.class).forEach(d -> {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String url = ManifestRules.environment(local, c).get("SPRING_DATASOURCE_URL");
                if (url != null) {
                    Matcher database = DATABASE.matcher(url);
                    assertThat(database.lookingAt()).as(url).isTrue();
                    used.add(database.group(1));
                }
            }
        });
        String init = local.all(ConfigMap.class)
                .filter(c -> c.getMetadata().getName().startsWith("postgres-init"))
                .flatMap(c -> c.getData().values().stream())
                .collect(Collectors.joining("\n"));
        Set<String> created = new TreeSet<>();
        CREATE_DATABASE.matcher(init).results().forEach(r -> created.add(r.group(1)));
        assertThat(used).containsExactlyInAnyOrder("catalog", "registration", "notification", "gateway");
        assertThat(created).containsAll(used);
    }

    @Test
    void localSecretsHoldOnlyTheDevelopmentPasswordComposePublishes() {
        assertThat(overlay("local").all(Secret.class)).isNotEmpty().allSatisfy(s -> assertThat(
                        s.getData().values())
                .as(s.getMetadata().getName())
                .allSatisfy(value -> assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                        .isEqualTo("museum")));
    }

    @Test
    void localHasNoAutoscalerForItsGeneratedSigningKey() {
        assertThat(overlay("local").all(HorizontalPodAutoscaler.class)).isEmpty();
    }
}
