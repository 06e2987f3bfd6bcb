/** Organisers' JWTs verified by each service (OAuth2 resource server), problems for 401, 403 and 503. */
package org.museumevents.starter.security;
