/** What the catalog's features share beyond the service-starter: local times in JSON and in the API description. */
package org.museumevents.catalog.config;
