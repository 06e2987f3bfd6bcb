/**
 * Kafka adapters: the consumer of the catalog's events, and the topic this service owns ({@code
 * registration.events}), whose messages the registration feature writes to the outbox and the
 * service-starter relays.
 */
package org.museumevents.registration.messaging;
