package org.museumevents.gateway;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

/**
 * The gateway on a random port in front of the shared {@link StandIns}, with the organisations of
 * {@link TestIdentity}, and MockMvc. Every class annotated so, and with nothing else that changes
 * the configuration, runs in one cached application context: a class that adds properties or
 * stand-ins of its own gets a context of its own and must say why. Each context has a fresh
 * database of its own ({@link GatewayDatabase}).
 *
 * <p>The registration rate limit is off here: every test is the same client (127.0.0.1), so with a
 * limit they would eat each other's allowance. {@link RateLimitTest} checks it, with a limit of its
 * own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "gateway.rate-limit.registrations=0")
@ContextConfiguration(initializers = {StandIns.ServiceUrls.class, TestIdentity.class, GatewayDatabase.class})
@AutoConfigureMockMvc
@ExtendWith(StandIns.ResetBeforeEach.class)
public @interface GatewayIntegrationTest {}
