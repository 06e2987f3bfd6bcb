/** Registering, the places and the waiting list, the registrant's token, and organisers' decisions. */
package org.museumevents.registration.registration;
