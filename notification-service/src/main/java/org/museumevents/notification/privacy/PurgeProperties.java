package org.museumevents.notification.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The purge policy, as registration-service's ({@code registration.purge-after}): registrants'
 * personal data, and the recipients of their emails, are erased {@code purgeAfter} after their
 * event ends, checked every {@code purgeInterval}.
 */
@ConfigurationProperties("notification")
record PurgeProperties(@DefaultValue("P30D") Duration purgeAfter, @DefaultValue("PT1H") Duration purgeInterval) {}
