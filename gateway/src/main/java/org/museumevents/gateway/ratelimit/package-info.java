/** Keeps one client from flooding registrations; the services themselves stay unthrottled. */
package org.museumevents.gateway.ratelimit;
