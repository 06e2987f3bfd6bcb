package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * On the gateway's one port, health stays public for the local platform's and compose's checks,
 * while metrics (traffic, clients, errors) are for the Prometheus scrape account only, and every
 * other actuator endpoint for nobody, not even a logged-in organiser.
 */
@GatewayIntegrationTest
class ActuatorTest {

    @LocalServerPort
    int port;

    private RawHttp.Response get(String path, String username, String password) {
        Map<String, String> headers = username == null
                ? Map.of()
                : Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return RawHttp.newClient(port).send("GET", path, null, null, headers);
    }

    @Test
    void healthIsPublicMetricsAreForThePrometheusAccountOnly() {
        assertThat(get("/actuator/health", null, null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null, null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null, null).status()).isEqualTo(200);

        for (String path : new String[] {
            "/actuator/prometheus", "/actuator/prometheus/", "/actuator/promethe%75s", "/actuator/prometheus;x=1"
        }) {
            RawHttp.Response anonymous = get(path, null, null);
            assertThat(anonymous.status()).as(path).isIn(400, 401);
            assertThat(anonymous.body()).as(path).doesNotContain("jvm_");
        }
        assertThat(get("/actuator/prometheus", TestIdentity.METRICS_USERNAME, "wrong")
                        .status())
                .isEqualTo(401);
        // An organiser's credentials open no actuator endpoint.
        assertThat(get("/actuator/prometheus", "estelle", "solidarite").status())
                .isEqualTo(401);

        RawHttp.Response scraped =
                get("/actuator/prometheus", TestIdentity.METRICS_USERNAME, TestIdentity.METRICS_PASSWORD);
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("# HELP", "jvm_");

        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/metrics", "/actuator/beans"}) {
            assertThat(get(path, TestIdentity.METRICS_USERNAME, TestIdentity.METRICS_PASSWORD)
                            .status())
                    .as(path)
                    .isIn(403, 404);
            assertThat(get(path, null, null).status()).as(path).isIn(401, 403, 404);
        }
    }
}
