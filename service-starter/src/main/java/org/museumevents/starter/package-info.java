/**
 * The mechanisms every service shares, as Spring Boot auto-configurations: each bean backs off when
 * the service declares its own, and each service sets its differences under its own settings
 * prefix (see {@link org.museumevents.starter.ServiceSettings}). Nothing here names a topic, a
 * message or a domain type.
 */
package org.museumevents.starter;
