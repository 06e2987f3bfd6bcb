/** OpenAPI defaults: the organisers' bearer scheme and problem+json on every error response. */
package org.museumevents.starter.openapi;
