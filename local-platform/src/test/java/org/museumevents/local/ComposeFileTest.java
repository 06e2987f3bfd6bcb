package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot be run here (no Docker engine), so its promises are read from the file:
 * pinned images, the four services built from this repository, health checks, start order on
 * health, memory limits, and the same standard properties the local platform passes.
 */
class ComposeFileTest {

    static final List<String> SERVICES =
            List.of("catalog-service", "registration-service", "notification-service", "gateway");

    @Test
    @SuppressWarnings("unchecked")
    void everyContainerIsPinnedLimitedCheckedAndStartedOnHealth() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).containsKeys("postgres", "kafka", "mailpit").containsKeys(SERVICES.toArray(String[]::new));
        services.forEach((name, value) -> {
            Map<String, Object> service = (Map<String, Object>) value;
            assertThat(service).as(name).containsKeys("image", "healthcheck", "mem_limit");
            assertThat((String) service.get("image"))
                    .as(name)
                    .doesNotEndWith(":latest")
                    .contains(":");
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                ((Map<String, Map<String, String>>) dependsOn).forEach((other, condition) -> assertThat(condition)
                        .as(name + " waits for " + other)
                        .containsEntry("condition", "service_healthy"));
            }
        });
        for (String name : SERVICES) {
            Map<String, Object> service = (Map<String, Object>) services.get(name);
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build).as(name).containsEntry("context", ".");
            assertThat((Map<String, String>) build.get("args")).containsEntry("SERVICE", name);
            assertThat(Files.exists(root().resolve(name).resolve("pom.xml")))
                    .as(name + " is a module")
                    .isTrue();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesGetTheStandardPropertiesOnly() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        for (String name : List.of("catalog-service", "registration-service", "notification-service")) {
            Map<String, Object> environment =
                    (Map<String, Object>) ((Map<String, Object>) services.get(name)).get("environment");
            assertThat(environment)
                    .as(name)
                    .containsKeys(
                            "SPRING_DATASOURCE_URL",
                            "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");
            environment.keySet().forEach(key -> assertThat(key)
                    .as(name)
                    .matches("(SPRING_|SERVER_|CATALOG_|REGISTRATION_|NOTIFICATION_).*"));
        }
        assertThat(Files.readString(root().resolve("Dockerfile")))
                .contains("ARG SERVICE", "${SERVICE}/target/${SERVICE}-*.jar");
    }

    /** Issue 18: the gateway's own database, created at PostgreSQL's first start, as the services' are. */
    @Test
    @SuppressWarnings("unchecked")
    void theGatewayHasADatabaseOfItsOwn() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> gateway = (Map<String, Object>) services.get("gateway");
        assertThat((Map<String, Object>) gateway.get("environment"))
                .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://postgres:5432/gateway")
                .containsKeys("SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        assertThat((Map<String, Object>) gateway.get("depends_on")).containsKey("postgres");
        assertThat(Files.readString(root().resolve("docker/postgres-init/01-databases.sql")))
                .contains("CREATE DATABASE gateway;");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(root().resolve("docker-compose.yml"))) {
            return (Map<String, Object>) new Yaml(new LoaderOptions()).load(reader);
        }
    }

    private static Path root() {
        return Path.of("..").toAbsolutePath().normalize();
    }
}
