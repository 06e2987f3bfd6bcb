/** One origin for the web UI and the API: routing, organiser login and tokens, rate limits. */
package org.museumevents.gateway;
