package org.museumevents.gateway.web.organiser;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the organiser pages door staff may use (issue 16: check-in only). Every other handler with
 * an {@link Organiser} parameter refuses them with 403, whatever the URL rules of the security
 * chain say: a page added later stays closed to them unless marked.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@interface CheckInPage {}
