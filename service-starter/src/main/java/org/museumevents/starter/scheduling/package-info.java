/** Scheduled work that must run on one instance at a time takes a ShedLock row in the service's database. */
package org.museumevents.starter.scheduling;
