package org.museumevents.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a Spring Boot test on the real servers of {@link TestServers}: a fresh PostgreSQL database
 * for each application context, the shared Kafka broker, GreenMail for SMTP, and {@link
 * TestTokens}' public key for JWT validation, all through the standard Spring Boot properties.
 * Test classes with the same configuration share one cached context, and so one database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealServers {}
