/** What the catalog's features share beyond the service-starter: local times in JSON and in the API description, problems for requests the firewall refuses. */
package org.museumevents.catalog.config;
