/** The W3C trace context kept with work that leaves the request's thread (outbox rows, emails). */
package org.museumevents.starter.tracing;
