package org.museumevents.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.museumevents.deploy.Manifests.Workload;

/**
 * The deployment's rules, each returning what breaks it (empty when kept), so that a test can show a
 * rule failing on a broken manifest as well as passing on the real ones.
 */
final class ManifestRules {

    private static final Pattern SECONDS = Pattern.compile("(\\d+)s");
    private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");

    private ManifestRules() {}

    /** A tag other than latest, or a digest: a rollback or a new node must run the same bytes. */
    static List<String> imagesArePinned(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.workloads().forEach(w -> allContainers(w).forEach(c -> {
            String image = c.getImage();
            if (image == null || !isPinned(image)) {
                violations.add(w + ": container " + c.getName() + " runs an unpinned image " + image);
            }
        }));
        return violations;
    }

    static boolean isPinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash && !image.substring(colon + 1).equals("latest");
    }

    /** Probes, limits and an unprivileged user on every (non-init) container. */
    static List<String> containersAreHardened(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.workloads().forEach(w -> {
            PodSpec pod = w.template().getSpec();
            PodSecurityContext podSecurity =
                    Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
            for (Container c : pod.getContainers()) {
                String where = w + ", container " + c.getName() + ": ";
                if (c.getReadinessProbe() == null) {
                    violations.add(where + "no readinessProbe");
                }
                if (c.getLivenessProbe() == null) {
                    violations.add(where + "no livenessProbe");
                }
                Map<String, Quantity> limits =
                        c.getResources() == null ? null : c.getResources().getLimits();
                if (limits == null || !limits.containsKey("cpu") || !limits.containsKey("memory")) {
                    violations.add(where + "no cpu and memory limits");
                }
                SecurityContext security =
                        Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
                Boolean runAsNonRoot = firstNonNull(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot());
                if (!Boolean.TRUE.equals(runAsNonRoot)) {
                    violations.add(where + "runAsNonRoot is not true");
                }
                Long runAsUser = firstNonNull(security.getRunAsUser(), podSecurity.getRunAsUser());
                if (runAsUser == null || runAsUser == 0) {
                    violations.add(where + "no numeric non-root runAsUser");
                }
                if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                    violations.add(where + "allowPrivilegeEscalation is not false");
                }
                if (security.getCapabilities() == null
                        || security.getCapabilities().getDrop() == null
                        || !security.getCapabilities().getDrop().contains("ALL")) {
                    violations.add(where + "capabilities do not drop ALL");
                }
            }
        });
        return violations;
    }

    /** A probe on a port the container does not declare probes nothing. */
    static List<String> probesUseContainerPorts(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.workloads().forEach(w -> allContainers(w).forEach(c -> {
            List<ContainerPort> ports = Optional.ofNullable(c.getPorts()).orElse(List.of());
            Map<String, Probe> probes = new HashMap<>();
            probes.put("readinessProbe", c.getReadinessProbe());
            probes.put("livenessProbe", c.getLivenessProbe());
            probes.put("startupProbe", c.getStartupProbe());
            probes.forEach((kind, probe) -> {
                IntOrString port = probePort(probe);
                if (port != null && !declares(ports, port)) {
                    violations.add(w + ", container " + c.getName() + ": " + kind + " on port " + text(port)
                            + ", which the container does not declare");
                }
            });
        }));
        return violations;
    }

    private static IntOrString probePort(Probe probe) {
        if (probe == null) {
            return null;
        }
        if (probe.getHttpGet() != null) {
            return probe.getHttpGet().getPort();
        }
        if (probe.getTcpSocket() != null) {
            return probe.getTcpSocket().getPort();
        }
        if (probe.getGrpc() != null) {
            return new IntOrString(probe.getGrpc().getPort());
        }
        return null;
    }

    private static boolean declares(List<ContainerPort> ports, IntOrString port) {
        return ports.stream()
                .anyMatch(p -> port.getIntVal() != null
                        ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal().equals(p.getName()));
    }

    /** Each service has a Deployment, a Service and a PodDisruptionBudget that select its pods. */
    static List<String> servicesAreComplete(Manifests manifests, Collection<String> names) {
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            Optional<Deployment> deployment = manifests.named(Deployment.class, name);
            if (deployment.isEmpty()) {
                violations.add(name + ": no Deployment");
                continue;
            }
            Map<String, String> podLabels =
                    deployment.get().getSpec().getTemplate().getMetadata().getLabels();
            Optional<Service> service = manifests.named(Service.class, name);
            if (service.isEmpty()) {
                violations.add(name + ": no Service");
            } else if (!selects(service.get().getSpec().getSelector(), podLabels)) {
                violations.add(name + ": its Service does not select the Deployment's pods");
            }
            Optional<PodDisruptionBudget> budget = manifests.named(PodDisruptionBudget.class, name);
            if (budget.isEmpty()) {
                violations.add(name + ": no PodDisruptionBudget");
            } else if (!selects(budget.get().getSpec().getSelector(), podLabels)) {
                violations.add(name + ": its PodDisruptionBudget does not select the Deployment's pods");
            }
        }
        return violations;
    }

    /** A Service selecting no pods has no endpoints; a workload not selecting its own pods is refused. */
    static List<String> selectorsMatch(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.all(Service.class).forEach(s -> {
            Map<String, String> selector = s.getSpec().getSelector();
            if (manifests.workloads().noneMatch(w -> selects(selector, w.podLabels()))) {
                violations.add("Service " + s.getMetadata().getName() + ": selects no workload's pods");
            }
        });
        manifests.workloads().forEach(w -> {
            if (!selects(w.selector(), w.podLabels())) {
                violations.add(w + ": its selector does not match its pod template's labels");
            }
        });
        manifests.all(PodDisruptionBudget.class).forEach(b -> {
            if (manifests.workloads().noneMatch(w -> selects(b.getSpec().getSelector(), w.podLabels()))) {
                violations.add("PodDisruptionBudget " + b.getMetadata().getName() + ": selects no workload's pods");
            }
        });
        return violations;
    }

    /**
     * Every ConfigMap and Secret a pod reads (env, envFrom, volumes) is in the render, with the key
     * read; a Secret may instead be one of the external ones, created outside the repository.
     */
    static List<String> referencesResolve(Manifests manifests, Map<String, Set<String>> externalSecrets) {
        List<String> violations = new ArrayList<>();
        manifests.workloads().forEach(w -> {
            for (Container c : allContainers(w).toList()) {
                String where = w + ", container " + c.getName() + ": ";
                for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    var configMapKey = env.getValueFrom().getConfigMapKeyRef();
                    if (configMapKey != null && !isTrue(configMapKey.getOptional())) {
                        configMapLacks(manifests, configMapKey.getName(), configMapKey.getKey())
                                .ifPresent(why -> violations.add(where + env.getName() + ": " + why));
                    }
                    var secretKey = env.getValueFrom().getSecretKeyRef();
                    if (secretKey != null && !isTrue(secretKey.getOptional())) {
                        secretLacks(manifests, externalSecrets, secretKey.getName(), secretKey.getKey())
                                .ifPresent(why -> violations.add(where + env.getName() + ": " + why));
                    }
                }
                for (EnvFromSource source : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                    if (source.getConfigMapRef() != null
                            && !isTrue(source.getConfigMapRef().getOptional())) {
                        configMapLacks(manifests, source.getConfigMapRef().getName(), null)
                                .ifPresent(why -> violations.add(where + "envFrom: " + why));
                    }
                    if (source.getSecretRef() != null
                            && !isTrue(source.getSecretRef().getOptional())) {
                        secretLacks(
                                        manifests,
                                        externalSecrets,
                                        source.getSecretRef().getName(),
                                        null)
                                .ifPresent(why -> violations.add(where + "envFrom: " + why));
                    }
                }
            }
            for (Volume volume :
                    Optional.ofNullable(w.template().getSpec().getVolumes()).orElse(List.of())) {
                String where = w + ", volume " + volume.getName() + ": ";
                if (volume.getConfigMap() != null
                        && !isTrue(volume.getConfigMap().getOptional())) {
                    configMapLacks(manifests, volume.getConfigMap().getName(), null)
                            .ifPresent(why -> violations.add(where + why));
                }
                if (volume.getSecret() != null && !isTrue(volume.getSecret().getOptional())) {
                    String name = volume.getSecret().getSecretName();
                    List<String> keys = Optional.ofNullable(volume.getSecret().getItems()).orElse(List.of()).stream()
                            .map(i -> i.getKey())
                            .toList();
                    (keys.isEmpty() ? Stream.of((String) null) : keys.stream())
                            .forEach(key -> secretLacks(manifests, externalSecrets, name, key)
                                    .ifPresent(why -> violations.add(where + why)));
                }
                if (volume.getProjected() != null) {
                    for (VolumeProjection source : volume.getProjected().getSources()) {
                        if (source.getConfigMap() != null) {
                            configMapLacks(manifests, source.getConfigMap().getName(), null)
                                    .ifPresent(why -> violations.add(where + why));
                        }
                        if (source.getSecret() != null) {
                            secretLacks(
                                            manifests,
                                            externalSecrets,
                                            source.getSecret().getName(),
                                            null)
                                    .ifPresent(why -> violations.add(where + why));
                        }
                    }
                }
            }
        });
        return violations;
    }

    /**
     * A $(NAME) in an env value is expanded only from variables defined before it (envFrom, earlier
     * env entries); otherwise the container gets the text "$(NAME)" literally.
     */
    static List<String> variableReferencesResolve(Manifests manifests) {
        List<String> violations = new ArrayList<>();
        manifests.workloads().forEach(w -> allContainers(w).forEach(c -> {
            Set<String> defined = new java.util.HashSet<>();
            for (EnvFromSource source : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
                if (source.getConfigMapRef() != null) {
                    manifests
                            .named(ConfigMap.class, source.getConfigMapRef().getName())
                            .map(ConfigMap::getData)
                            .ifPresent(data -> defined.addAll(data.keySet()));
                }
            }
            for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                if (env.getValue() != null) {
                    VARIABLE.matcher(env.getValue())
                            .results()
                            .map(r -> r.group(1))
                            .forEach(name -> {
                                if (!defined.contains(name)) {
                                    violations.add(w + ", container " + c.getName() + ": " + env.getName()
                                            + " refers to $(" + name + "), which is not defined before it");
                                }
                            });
                }
                defined.add(env.getName());
            }
        }));
        return violations;
    }

    private static Optional<String> configMapLacks(Manifests manifests, String name, String key) {
        Optional<ConfigMap> configMap = manifests.named(ConfigMap.class, name);
        if (configMap.isEmpty()) {
            return Optional.of("ConfigMap " + name + " is not in the render");
        }
        if (key != null && !dataKeys(configMap.get()).contains(key)) {
            return Optional.of("ConfigMap " + name + " has no key " + key);
        }
        return Optional.empty();
    }

    private static Set<String> dataKeys(ConfigMap configMap) {
        Set<String> keys = new java.util.HashSet<>();
        Optional.ofNullable(configMap.getData()).ifPresent(d -> keys.addAll(d.keySet()));
        Optional.ofNullable(configMap.getBinaryData()).ifPresent(d -> keys.addAll(d.keySet()));
        return keys;
    }

    private static Optional<String> secretLacks(
            Manifests manifests, Map<String, Set<String>> externalSecrets, String name, String key) {
        Optional<Secret> secret = manifests.named(Secret.class, name);
        if (secret.isPresent()) {
            Set<String> keys = new java.util.HashSet<>();
            Optional.ofNullable(secret.get().getData()).ifPresent(d -> keys.addAll(d.keySet()));
            Optional.ofNullable(secret.get().getStringData()).ifPresent(d -> keys.addAll(d.keySet()));
            return key == null || keys.contains(key)
                    ? Optional.empty()
                    : Optional.of("Secret " + name + " has no key " + key);
        }
        Set<String> externalKeys = externalSecrets.get(name);
        if (externalKeys == null) {
            return Optional.of("Secret " + name + " is neither in the render nor one of the external Secrets");
        }
        return key == null || externalKeys.contains(key)
                ? Optional.empty()
                : Optional.of("external Secret " + name + " is not documented with a key " + key);
    }

    /** Secret names the workloads read, so the list of external Secrets cannot grow stale. */
    static Set<String> secretsRead(Manifests manifests) {
        Set<String> names = new java.util.TreeSet<>();
        manifests.workloads().forEach(w -> {
            allContainers(w).forEach(c -> {
                Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                        .filter(e ->
                                e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                        .forEach(e ->
                                names.add(e.getValueFrom().getSecretKeyRef().getName()));
                Optional.ofNullable(c.getEnvFrom()).orElse(List.of()).stream()
                        .filter(e -> e.getSecretRef() != null)
                        .forEach(e -> names.add(e.getSecretRef().getName()));
            });
            Optional.ofNullable(w.template().getSpec().getVolumes()).orElse(List.of()).stream()
                    .filter(v -> v.getSecret() != null)
                    .forEach(v -> names.add(v.getSecret().getSecretName()));
        });
        return names;
    }

    /** An autoscaler on CPU for each, between the bounds, targeting a Deployment that leaves replicas to it. */
    static List<String> autoscaled(Manifests manifests, Collection<String> names, int minReplicas, int maxReplicas) {
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            Optional<HorizontalPodAutoscaler> found = manifests.named(HorizontalPodAutoscaler.class, name);
            if (found.isEmpty()) {
                violations.add(name + ": no HorizontalPodAutoscaler");
                continue;
            }
            var spec = found.get().getSpec();
            var target = spec.getScaleTargetRef();
            Optional<Deployment> deployment =
                    "Deployment".equals(target.getKind()) && "apps/v1".equals(target.getApiVersion())
                            ? manifests.named(Deployment.class, target.getName())
                            : Optional.empty();
            if (deployment.isEmpty()) {
                violations.add(name + ": its autoscaler targets " + target.getApiVersion() + " " + target.getKind()
                        + " " + target.getName() + ", which is not in the render");
            } else if (deployment.get().getSpec().getReplicas() != null) {
                violations.add(
                        name + ": the Deployment sets replicas, which every apply would reset under its autoscaler");
            }
            boolean onCpu = Optional.ofNullable(spec.getMetrics()).orElse(List.of()).stream()
                    .map(MetricSpec::getResource)
                    .filter(Objects::nonNull)
                    .anyMatch(r -> "cpu".equals(r.getName()));
            if (!onCpu) {
                violations.add(name + ": its autoscaler has no CPU resource metric");
            }
            if (!Objects.equals(spec.getMinReplicas(), minReplicas)
                    || !Objects.equals(spec.getMaxReplicas(), maxReplicas)) {
                violations.add(name + ": autoscaled " + spec.getMinReplicas() + ".." + spec.getMaxReplicas()
                        + ", expected " + minReplicas + ".." + maxReplicas);
            }
        }
        return violations;
    }

    /**
     * A preStop sleep lets endpoints drain; the grace period must then outlast the sleep plus Spring's
     * graceful shutdown phase (SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE, 30 s unless set), or
     * in-flight requests are killed.
     */
    static List<String> shutdownIsGraceful(Manifests manifests, Collection<String> names) {
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            Optional<Deployment> deployment = manifests.named(Deployment.class, name);
            if (deployment.isEmpty()) {
                continue;
            }
            PodSpec pod = deployment.get().getSpec().getTemplate().getSpec();
            Container container = pod.getContainers().get(0);
            List<String> preStop = container.getLifecycle() == null
                            || container.getLifecycle().getPreStop() == null
                            || container.getLifecycle().getPreStop().getExec() == null
                    ? List.of()
                    : container.getLifecycle().getPreStop().getExec().getCommand();
            if (preStop.size() != 2
                    || !preStop.get(0).equals("sleep")
                    || !preStop.get(1).matches("\\d+")) {
                violations.add(name + ": no preStop sleep, so endpoints may still send to a stopping pod");
                continue;
            }
            long sleep = Long.parseLong(preStop.get(1));
            String phaseSetting = environment(manifests, container)
                    .getOrDefault("SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE", "30s");
            Matcher phase = SECONDS.matcher(phaseSetting);
            if (!phase.matches()) {
                violations.add(name + ": shutdown phase " + phaseSetting + " is not in seconds (\"30s\")");
                continue;
            }
            long needed = sleep + Long.parseLong(phase.group(1));
            Long grace = pod.getTerminationGracePeriodSeconds();
            if (grace == null || grace <= needed) {
                violations.add(name + ": terminationGracePeriodSeconds " + grace + " is not above preStop " + sleep
                        + " s plus the shutdown phase " + phaseSetting);
            }
        }
        return violations;
    }

    /** Spring Boot writes only to /tmp (Tomcat's work directory): the rest of the filesystem is read-only. */
    static List<String> rootFilesystemIsReadOnly(Manifests manifests, Collection<String> names) {
        List<String> violations = new ArrayList<>();
        for (String name : names) {
            manifests.named(Deployment.class, name).ifPresent(d -> {
                PodSpec pod = d.getSpec().getTemplate().getSpec();
                Container container = pod.getContainers().get(0);
                if (container.getSecurityContext() == null
                        || !isTrue(container.getSecurityContext().getReadOnlyRootFilesystem())) {
                    violations.add(name + ": the root filesystem is writable");
                }
                boolean tmp = Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).stream()
                        .filter(m -> "/tmp".equals(m.getMountPath()))
                        .anyMatch(m -> Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream()
                                .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
                if (!tmp) {
                    violations.add(name + ": no emptyDir on /tmp");
                }
            });
        }
        return violations;
    }

    /** What the container's env and envFrom ConfigMaps set literally (later entries win, as in a pod). */
    static Map<String, String> environment(Manifests manifests, Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.of())) {
            if (source.getConfigMapRef() != null) {
                manifests
                        .named(ConfigMap.class, source.getConfigMapRef().getName())
                        .map(ConfigMap::getData)
                        .ifPresent(environment::putAll);
            }
        }
        for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
            if (env.getValue() != null) {
                environment.put(env.getName(), env.getValue());
            }
        }
        return environment;
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null
                && !selector.isEmpty()
                && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        Map<String, String> matchLabels =
                Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
        List<LabelSelectorRequirement> expressions =
                Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of());
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return false;
        }
        return labels.entrySet().containsAll(matchLabels.entrySet())
                && expressions.stream().allMatch(e -> switch (e.getOperator()) {
                    case "In" -> e.getValues().contains(labels.get(e.getKey()));
                    case "NotIn" -> !e.getValues().contains(labels.get(e.getKey()));
                    case "Exists" -> labels.containsKey(e.getKey());
                    case "DoesNotExist" -> !labels.containsKey(e.getKey());
                    default -> false;
                });
    }

    private static Stream<Container> allContainers(Workload workload) {
        PodSpec pod = workload.template().getSpec();
        return Stream.concat(
                Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(), pod.getContainers().stream());
    }

    private static String text(IntOrString port) {
        return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
    }

    private static boolean isTrue(Boolean value) {
        return Boolean.TRUE.equals(value);
    }

    private static <T> T firstNonNull(T first, T second) {
        return first != null ? first : second;
    }
}
