/** Kafka adapters: the consumer of the catalog's events (the outgoing relay lives with the outbox). */
package org.museumevents.registration.messaging;
