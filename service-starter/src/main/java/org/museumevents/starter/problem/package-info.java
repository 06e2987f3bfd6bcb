/** Every error as RFC 9457 problem details: field errors, outages as 503, nothing leaked. */
package org.museumevents.starter.problem;
