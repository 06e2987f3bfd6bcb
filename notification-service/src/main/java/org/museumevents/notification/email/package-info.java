/** The emails themselves: Thymeleaf templates and fr/en/es bundles, the iCalendar entry, the SMTP send. */
package org.museumevents.notification.email;
