/** Idempotent consumers: the processed-message record, and messages no retry can make readable. */
package org.museumevents.starter.messaging;
