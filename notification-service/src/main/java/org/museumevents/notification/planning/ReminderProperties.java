package org.museumevents.notification.planning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reminder policy: a reminder is planned only if it falls due at least {@code
 * minLeadAfterPlanning} after the moment it is planned (a confirmation, a promotion or a change of
 * the event), since the email that triggered the planning already carries the same details.
 * Offsets already past, or too close, are skipped, never sent late.
 */
@ConfigurationProperties("notification.reminders")
record ReminderProperties(@DefaultValue("30m") Duration minLeadAfterPlanning) {}
