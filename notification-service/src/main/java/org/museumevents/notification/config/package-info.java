/** What the features share: security, the clock, problem details for every error. */
package org.museumevents.notification.config;
