/** Organisers' login and the tokens the services trust: an OAuth2 authorization server. */
package org.museumevents.gateway.identity;
