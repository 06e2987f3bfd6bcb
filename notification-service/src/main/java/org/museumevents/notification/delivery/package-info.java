/**
 * Every email is first a notification row, then an SMTP send by the dispatcher, which claims due
 * rows with {@code FOR UPDATE SKIP LOCKED} so that each goes out once across instances.
 */
package org.museumevents.notification.delivery;
