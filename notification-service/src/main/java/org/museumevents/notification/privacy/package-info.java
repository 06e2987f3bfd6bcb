/**
 * Personal data erased: on the organiser's request (registration-service's {@code
 * RegistrationErased}), and for everyone {@code notification.purge-after} after their event ends.
 */
package org.museumevents.notification.privacy;
