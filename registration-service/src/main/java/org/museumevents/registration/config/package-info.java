/** What the features share: security, the clock, scheduling locks, problem details for every error. */
package org.museumevents.registration.config;
