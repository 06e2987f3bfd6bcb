package org.museumevents.notification.delivery;

/** Where a notification is on its way to the recipient. */
public enum DeliveryStatus {
    SCHEDULED,
    SENT,
    RETRYING,
    FAILED
}
