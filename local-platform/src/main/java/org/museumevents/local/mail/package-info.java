/**
 * The page of the emails the platform sent (every email the SMTP server received): a list with
 * recipient, subject and time, each email readable as text and HTML, attachments downloadable.
 */
package org.museumevents.local.mail;
