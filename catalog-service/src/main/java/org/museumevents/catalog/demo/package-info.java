/** The demo catalogue from the real announcements, loaded only under the {@code demo} profile. */
package org.museumevents.catalog.demo;
