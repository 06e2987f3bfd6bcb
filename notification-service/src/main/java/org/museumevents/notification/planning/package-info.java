/**
 * Which email, when: the rules that turn what the catalog and registration-service announce into
 * planned emails and reminders, each announcement applied under its event's lock.
 */
package org.museumevents.notification.planning;
