/** Public pages: upcoming events, an event with its registration form, a registration's own page. */
package org.museumevents.gateway.web.participant;
