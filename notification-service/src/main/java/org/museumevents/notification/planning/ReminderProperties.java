package org.museumevents.notification.planning;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reminder policy: a reminder is planned only if it falls due more than {@code
 * minLeadAfterPlanning} after the fact that planned it (a confirmation, a promotion or a change of
 * the event, at the time it happened: the message's {@code occurredAt}), since the email that fact
 * triggered already carries the same details. Offsets already past then, or too close, are
 * skipped. One that was worth planning then but is processed after its due time is sent at once,
 * unless the event has started (issue 13, {@link ReminderPlan}).
 *
 * @param minLeadAfterPlanning the least time between the planning fact and the reminder (default 30 minutes)
 */
@ConfigurationProperties("notification.reminders")
record ReminderProperties(@DefaultValue("30m") Duration minLeadAfterPlanning) {}
