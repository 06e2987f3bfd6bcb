/** Routes {@code /api/**} to the service that owns each path of the public contract. */
package org.museumevents.gateway.routing;
