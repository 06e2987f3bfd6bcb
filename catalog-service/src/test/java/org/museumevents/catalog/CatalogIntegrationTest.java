package org.museumevents.catalog;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.museumevents.testsupport.RealServers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * The whole catalog-service on the real servers, driven through MockMvc. Every class that carries
 * only this annotation shares one cached application context and its database, so tests keep their
 * data apart with ids of their own (see {@link Fixtures#organisation(String)}) and never assume an
 * empty table. A class that adds settings of its own (another profile, a property, a bean) gets a
 * context of its own: keep that for tests that break a server, tagged {@code outage}. {@link
 * StatementCounter} counts the statements a request runs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest
@AutoConfigureMockMvc
@RealServers
@Import(StatementCounter.class)
public @interface CatalogIntegrationTest {}
