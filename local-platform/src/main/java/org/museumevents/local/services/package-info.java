/**
 * The four services, each its own Spring Boot jar run as a separate process with the standard
 * properties only, exactly as in production; started together, reported when healthy, stopped
 * gracefully before the servers they use.
 */
package org.museumevents.local.services;
