/**
 * Every email is first a notification row, then an SMTP send by the dispatcher: it claims due rows
 * for a limited time, commits, sends without holding any lock, then writes the outcome onto its
 * claim, so that each email goes out once across instances while its claim is live.
 */
package org.museumevents.notification.delivery;
