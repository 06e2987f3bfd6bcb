/**
 * The Kafka adapters: {@code catalog.events} and {@code registration.events} consumed with Spring
 * Cloud Stream; each message is read, checked and handed to planning, applied once (a
 * processed-message row in the same transaction).
 */
package org.museumevents.notification.messaging;
