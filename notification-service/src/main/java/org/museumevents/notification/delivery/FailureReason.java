package org.museumevents.notification.delivery;

/**
 * Why an email ended FAILED without being retried to its give-up time: the {@code reason} of its
 * delivery-log line (an extension of the contract, docs/api.md). Stored as the row's status, which
 * the delivery log shows as {@code FAILED}.
 */
public enum FailureReason {
    /** While its address was over the per-recipient limit, a later email about the same event replaced it. */
    SUPERSEDED,
    /**
     * Its address is not one the platform can deliver to ({@code EmailAddresses.deliverable} of
     * service-starter: e.g. a local part outside ASCII, which needs SMTPUTF8, RFC 6531); stored
     * before registration-service refused such addresses. Never offered to the SMTP server.
     */
    UNDELIVERABLE_ADDRESS,
    /**
     * The SMTP server refused it for good, with a 5yz reply (RFC 5321 §4.2.1) to its recipient or
     * its content, e.g. 550 no such mailbox; see {@link SmtpFailures}.
     */
    RECIPIENT_REFUSED;

    static boolean isOne(String status) {
        for (FailureReason reason : values()) {
            if (reason.name().equals(status)) {
                return true;
            }
        }
        return false;
    }
}
