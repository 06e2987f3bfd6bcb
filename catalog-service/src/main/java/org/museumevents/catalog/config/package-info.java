/** What the features share: security, problem details for every error. */
package org.museumevents.catalog.config;
