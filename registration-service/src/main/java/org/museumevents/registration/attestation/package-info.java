/** Attestations of attendance (issue 16): the attendee's PDF, its verification code, and what the PDF says of the event. */
package org.museumevents.registration.attestation;
