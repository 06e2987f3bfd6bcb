/** Messages leave through an outbox table written in the business transaction, relayed to Kafka. */
package org.museumevents.registration.outbox;
