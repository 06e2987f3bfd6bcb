/** notification-service: emails, the reminder schedule and the delivery log. */
package org.museumevents.notification;
