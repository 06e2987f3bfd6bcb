package org.museumevents.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The check itself, without kubectl: it parses strictly, and each rule fails on what it forbids. */
class ManifestRulesTest {

    private static final String DEPLOYMENT =
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: catalog-service
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: catalog-service
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: catalog-service
                spec:
                  securityContext:
                    runAsNonRoot: true
                    runAsUser: 10001
                  containers:
                    - name: catalog-service
                      image: museum-events/catalog-service:0.1.0
                      ports:
                        - name: http
                          containerPort: 8081
                      resources:
                        limits:
                          cpu: "2"
                          memory: 768Mi
                      livenessProbe:
                        httpGet:
                          path: /actuator/health/liveness
                          port: http
                      readinessProbe:
                        httpGet:
                          path: /actuator/health/readiness
                          port: 8081
                      securityContext:
                        allowPrivilegeEscalation: false
                        capabilities:
                          drop: ["ALL"]
            """;

    @Test
    void aWellFormedDeploymentKeepsEveryRule() {
        Manifests manifests = Manifests.parse(DEPLOYMENT);
        assertThat(ManifestRules.containersAreHardened(manifests)).isEmpty();
        assertThat(ManifestRules.probesUseContainerPorts(manifests)).isEmpty();
        assertThat(ManifestRules.imagesArePinned(manifests)).isEmpty();
    }

    @Test
    void aMisspeltFieldFailsTheParse() {
        String misspelt = DEPLOYMENT.replace("readinessProbe:", "readinesProbe:");
        assertThatThrownBy(() -> Manifests.parse(misspelt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Deployment catalog-service")
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void aFieldOfTheWrongTypeFailsTheParse() {
        String wrong = DEPLOYMENT.replace("runAsUser: 10001", "runAsUser: [10001]");
        assertThatThrownBy(() -> Manifests.parse(wrong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKindTheCheckDoesNotKnowFailsTheParse() {
        assertThatThrownBy(
                        () -> Manifests.parse(
                                """
                        apiVersion: networking.k8s.io/v1
                        kind: Ingress
                        metadata:
                          name: gateway
                        """))
                .hasMessageContaining("networking.k8s.io/v1/Ingress gateway");
    }

    @Test
    void aContainerWithoutReadinessProbeFailsTheRule() {
        String noReadiness = DEPLOYMENT.replaceAll("(?s)          readinessProbe:.*?port: 8081\n", "");
        assertThat(ManifestRules.containersAreHardened(Manifests.parse(noReadiness)))
                .containsExactly("Deployment catalog-service, container catalog-service: no readinessProbe");
    }

    @Test
    void privilegesAndMissingLimitsFailTheRule() {
        String loose = DEPLOYMENT
                .replace("runAsNonRoot: true", "runAsNonRoot: false")
                .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
                .replaceAll("(?m)^ *memory: 768Mi\n", "");
        assertThat(ManifestRules.containersAreHardened(Manifests.parse(loose)))
                .containsExactlyInAnyOrder(
                        "Deployment catalog-service, container catalog-service: no cpu and memory limits",
                        "Deployment catalog-service, container catalog-service: runAsNonRoot is not true",
                        "Deployment catalog-service, container catalog-service: allowPrivilegeEscalation is not false");
    }

    @Test
    void aProbeOnAnUndeclaredPortFailsTheRule() {
        String wrongPort = DEPLOYMENT.replace("port: 8081", "port: 8080");
        assertThat(ManifestRules.probesUseContainerPorts(Manifests.parse(wrongPort)))
                .containsExactly("Deployment catalog-service, container catalog-service: readinessProbe on port 8080,"
                        + " which the container does not declare");
    }

    @Test
    void latestOrNoTagIsNotPinned() {
        assertThat(ManifestRules.isPinned("museum-events/gateway:latest")).isFalse();
        assertThat(ManifestRules.isPinned("museum-events/gateway")).isFalse();
        assertThat(ManifestRules.isPinned("registry.example.org:5000/museum-events/gateway"))
                .isFalse();
        assertThat(ManifestRules.isPinned("registry.example.org:5000/museum-events/gateway:0.1.0"))
                .isTrue();
        assertThat(ManifestRules.isPinned("museum-events/gateway@sha256:" + "0".repeat(64)))
                .isTrue();
    }

    @Test
    void aReferenceToAnAbsentConfigMapOrAnUndocumentedSecretFailsTheRule() {
        String references = DEPLOYMENT.replaceFirst(
                "(?m)^ {10}ports:\n",
                String.join(
                                "\n",
                                "envFrom:",
                                "  - configMapRef:",
                                "      name: catalog-service",
                                "env:",
                                "  - name: SPRING_DATASOURCE_PASSWORD",
                                "    valueFrom:",
                                "      secretKeyRef:",
                                "        name: catalog-service-db",
                                "        key: password",
                                "ports:")
                        .indent(10));
        Manifests manifests = Manifests.parse(references);
        assertThat(ManifestRules.referencesResolve(manifests, Map.of()))
                .containsExactlyInAnyOrder(
                        "Deployment catalog-service, container catalog-service: envFrom: ConfigMap catalog-service is not in the render",
                        "Deployment catalog-service, container catalog-service: SPRING_DATASOURCE_PASSWORD: Secret"
                                + " catalog-service-db is neither in the render nor one of the external Secrets");
    }

    @Test
    void aVariableDefinedAfterItsUseFailsTheRule() {
        String laterDefinition = DEPLOYMENT.replaceFirst(
                "(?m)^ {10}ports:\n",
                Matcher.quoteReplacement(String.join(
                                "\n",
                                "env:",
                                "  - name: REDIRECT_URI",
                                "    value: $(ISSUER)/login and $$(ESCAPED)",
                                "  - name: ISSUER",
                                "    value: http://localhost:8080",
                                "ports:")
                        .indent(10)));
        assertThat(ManifestRules.variableReferencesResolve(Manifests.parse(laterDefinition)))
                .containsExactly("Deployment catalog-service, container catalog-service: REDIRECT_URI refers to"
                        + " $(ISSUER), which is not defined before it");
    }

    @Test
    void aDisruptionBudgetOrServiceOnOtherLabelsFailsTheRule() {
        String others = DEPLOYMENT
                + """
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: catalog-service
                spec:
                  selector:
                    app: catalog
                  ports:
                    - port: 8081
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: catalog-service
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app: catalog
                """;
        Manifests manifests = Manifests.parse(others);
        assertThat(ManifestRules.servicesAreComplete(manifests, List.of("catalog-service", "gateway")))
                .containsExactly(
                        "catalog-service: its Service does not select the Deployment's pods",
                        "catalog-service: its PodDisruptionBudget does not select the Deployment's pods",
                        "gateway: no Deployment");
        assertThat(ManifestRules.selectorsMatch(manifests)).hasSize(2);
    }

    @Test
    void anAutoscalerV2AndADisruptionBudgetV1ParseIntoTheirModels() {
        Manifests manifests = Manifests.parse(
                """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: gateway
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: gateway
                  minReplicas: 2
                  maxReplicas: 6
                  metrics:
                    - type: Resource
                      resource:
                        name: cpu
                        target:
                          type: Utilization
                          averageUtilization: 70
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: gateway
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: gateway
                """);
        HorizontalPodAutoscaler hpa =
                manifests.named(HorizontalPodAutoscaler.class, "gateway").orElseThrow();
        assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
                .isEqualTo(70);
        assertThat(ManifestRules.autoscaled(manifests, List.of("gateway"), 2, 6))
                .containsExactly(
                        "gateway: its autoscaler targets apps/v1 Deployment gateway, which is not in the render");
        PodDisruptionBudget pdb =
                manifests.named(PodDisruptionBudget.class, "gateway").orElseThrow();
        assertThat(pdb.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
    }
}
