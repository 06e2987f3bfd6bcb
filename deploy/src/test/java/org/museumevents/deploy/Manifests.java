package org.museumevents.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A rendered set of manifests, each parsed into its fabric8 model class. Parsing is strict: a field the
 * Kubernetes API does not know (a misspelt {@code readinesProbe}) or a kind this check does not know
 * fails, where the API server would silently drop the field or a loose parse would keep it aside.
 */
record Manifests(List<HasMetadata> resources) {

    /** The kinds the manifests use, by apiVersion/kind; anything else is refused until added here. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);

    private static final ObjectMapper STRICT = strictMapper();

    /**
     * Every fabric8 model class keeps unknown fields in an {@code @JsonAnySetter} map, so
     * FAIL_ON_UNKNOWN_PROPERTIES alone never fires. With the any-setters ignored, an unknown field is an
     * error. (fabric8's KubernetesSerialization lives in kubernetes-client-api, the client itself; the
     * model and a plain mapper are all this check needs.)
     */
    private static ObjectMapper strictMapper() {
        YAMLMapper mapper = new YAMLMapper();
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated annotated) {
                return Boolean.FALSE;
            }
        });
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        return mapper;
    }

    /** Parses a multi-document YAML stream, as {@code kubectl kustomize} prints it. */
    static Manifests parse(String yaml) {
        List<HasMetadata> resources = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                STRICT.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                resources.add(parseOne(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(List.copyOf(resources));
    }

    private static HasMetadata parseOne(JsonNode document) {
        String type = document.path("apiVersion").asText() + "/"
                + document.path("kind").asText();
        String name = document.path("metadata").path("name").asText();
        Class<? extends HasMetadata> kind = KINDS.get(type);
        if (kind == null) {
            throw new IllegalArgumentException(
                    type + " " + name + ": a kind this check does not know (Manifests.KINDS)");
        }
        try {
            return STRICT.treeToValue(document, kind);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(type + " " + name + ": " + e.getOriginalMessage(), e);
        }
    }

    <T extends HasMetadata> Stream<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast);
    }

    <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
        return all(kind).filter(r -> name.equals(r.getMetadata().getName())).findFirst();
    }

    /** Deployments and StatefulSets, with what the rules need of them. */
    Stream<Workload> workloads() {
        return Stream.concat(
                all(Deployment.class)
                        .map(d -> new Workload(
                                "Deployment",
                                d.getMetadata().getName(),
                                d.getSpec().getReplicas(),
                                d.getSpec().getSelector(),
                                d.getSpec().getTemplate())),
                all(StatefulSet.class)
                        .map(s -> new Workload(
                                "StatefulSet",
                                s.getMetadata().getName(),
                                s.getSpec().getReplicas(),
                                s.getSpec().getSelector(),
                                s.getSpec().getTemplate())));
    }

    record Workload(String kind, String name, Integer replicas, LabelSelector selector, PodTemplateSpec template) {

        Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null
                    ? null
                    : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }
}
