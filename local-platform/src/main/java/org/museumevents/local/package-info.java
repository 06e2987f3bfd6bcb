/**
 * The local platform: a developer tool that runs every server and service of the project on one
 * machine with only a JDK. It is never part of a deployment; each service stays exactly what it is
 * in production and only receives the standard properties.
 */
package org.museumevents.local;
