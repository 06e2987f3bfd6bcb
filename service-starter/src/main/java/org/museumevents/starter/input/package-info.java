/**
 * Hostile input stopped before it reaches a controller, a library or the database: bounded bodies
 * and JSON, no control characters in any text, single-line fields for what lands in an email's
 * header lines.
 */
package org.museumevents.starter.input;
