/**
 * The topic this service owns, {@code catalog.events}. Its messages are written to the outbox by
 * the event feature and relayed by the service-starter.
 */
package org.museumevents.catalog.messaging;
