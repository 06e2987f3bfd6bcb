/**
 * Messages leave through an {@code outbox} table written in the business transaction and relayed
 * to Kafka in order by one instance at a time, as soon as the writing transaction commits (the
 * writer wakes the relay; a poll is the fallback). The service owns the table (its Flyway schema)
 * and the messages; this package owns only the mechanism.
 */
package org.museumevents.starter.outbox;
