package org.museumevents.starter.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public operation that shows more to an organiser of the organisation concerned (drafts,
 * meeting details): the API description then offers the bearer token as optional.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface OrganiserTokenOptional {}
