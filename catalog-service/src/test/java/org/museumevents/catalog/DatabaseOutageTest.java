package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * With its database unreachable the service answers 503 problem+json within seconds, leaves the
 * load balancer's rotation (readiness DOWN) without being restarted (liveness UP), and serves
 * again by itself when the database returns. The service reaches its database through a proxy that
 * the test cuts, or silences (a database that stops answering without closing its connections);
 * the shared PostgreSQL server stays up.
 *
 * <p>A context of its own (its database behind the proxy), closed after the class so that its
 * pool and outbox relay do not go on knocking at a cut database while other classes run.
 */
@CatalogIntegrationTest
@Tag("outage")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class DatabaseOutageTest {

    /** Hikari's connection timeout is 3 s; a bound well above it, not a speed measurement. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    /** This context's socket timeout, shorter than the service's default (30 s) to keep the test short. */
    private static final String SOCKET_TIMEOUT_SECONDS = "5";

    /**
     * Far above the socket timeout, so that reaching it means a wait that would never have ended: a
     * bound that stops a hung test, not a speed measurement.
     */
    private static final Duration NEVER_ENDING = Duration.ofSeconds(60);

    static final TcpProxy proxy = new TcpProxy();
    static final TestServers.DatabaseCoordinates db = TestServers.newDatabase().behind(proxy);

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.data-source-properties.socketTimeout", () -> SOCKET_TIMEOUT_SECONDS);
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDatabaseOutageAnswers503QuicklyAndTheServiceHealsByItself() throws Exception {
        createWorkshop().andExpect(status().isCreated());

        proxy.cut();
        long started = System.nanoTime();
        mvc.perform(get("/api/events"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(503));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
        createWorkshop().andExpect(status().isServiceUnavailable());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isServiceUnavailable());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());

        proxy.restore();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> mvc.perform(get("/api/events"))
                                .andReturn()
                                .getResponse()
                                .getStatus()
                        == 200);
        createWorkshop().andExpect(status().isCreated());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    /**
     * A database that stops answering and comes back elsewhere (a frozen host, a partition, a
     * fail-over): the connections to it stay open but silent for ever. A statement on one fails at
     * the JDBC driver's socket timeout instead of waiting for ever (the service-starter's {@code
     * DatabaseConnectionDefaults}); requests answer 503; and when new connections reach the database
     * again, the pool has dropped the silent ones and the service, its outbox relay included,
     * works again without a restart.
     */
    @Test
    void aDatabaseThatStopsAnsweringIsLeftBehindAndTheServiceHealsByItself() throws Exception {
        createWorkshop().andExpect(status().isCreated());

        // The service-starter's defaults reached this service's pool, and a setting of its own wins.
        Properties driver = dataSource.unwrap(HikariDataSource.class).getDataSourceProperties();
        assertThat(driver.getProperty("tcpKeepAlive")).isEqualTo("true");
        assertThat(driver.getProperty("logServerErrorDetail")).isEqualTo("false");
        assertThat(driver.getProperty("socketTimeout")).isEqualTo(SOCKET_TIMEOUT_SECONDS);
        // Closing the connection is a statement too (its rollback): inside the bound as well.
        assertTimeoutPreemptively(NEVER_ENDING, () -> {
            try (Connection held = dataSource.getConnection()) {
                proxy.silence();
                assertThatThrownBy(() -> held.createStatement().execute("SELECT 1"))
                        .isInstanceOf(SQLException.class);
            }
        });
        assertTimeoutPreemptively(NEVER_ENDING, () -> {
            createWorkshop()
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get("/api/events")).andExpect(status().isServiceUnavailable());
        });

        proxy.restore();
        await().atMost(NEVER_ENDING)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> mvc.perform(get("/api/events"))
                                .andReturn()
                                .getResponse()
                                .getStatus()
                        == 200);
        createWorkshop().andExpect(status().isCreated());
        await().atMost(NEVER_ENDING)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                                .query(Long.class)
                                .single()
                        == 0);
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
    }

    /** Ocim's organiser creates a workshop (a draft); the answer, to expect a status of. */
    private ResultActions createWorkshop() throws Exception {
        return mvc.perform(post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("ocim"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Fixtures.workshop())));
    }
}
