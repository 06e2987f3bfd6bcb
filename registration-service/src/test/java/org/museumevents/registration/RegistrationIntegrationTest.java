package org.museumevents.registration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.museumevents.testsupport.RealServers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

/**
 * The one integration context of registration-service's tests: the whole application on a random
 * port (for {@link Api}) and through {@code MockMvc}, on the real servers of {@link RealServers}
 * (a fresh database when the context starts, the shared Kafka broker, the standard topics).
 *
 * <p>Every class annotated so, and declaring nothing else that changes the context (no properties,
 * no {@code @MockitoBean}, no {@code @DynamicPropertySource}), shares one cached context and one
 * database: tests keep their data apart with their own events' ids and never count across the
 * whole database. A test that breaks a server starts an instance of its own ({@link TestInstance})
 * on its own topic; controllers' input checks that need no server are {@code @WebMvcTest} slices.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // Manage links in messages are checked against this origin.
        properties = "registration.public-base-url=https://events.example.org/")
@AutoConfigureMockMvc
@RealServers
public @interface RegistrationIntegrationTest {}
