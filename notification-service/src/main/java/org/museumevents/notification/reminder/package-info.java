/** One reminder per confirmed registrant and reminder offset, kept in step with the event and the registration. */
package org.museumevents.notification.reminder;
