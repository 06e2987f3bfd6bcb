/**
 * The web front: server-rendered pages for participants and organisers that call the services
 * with their JSON contract, in French, English or Spanish.
 */
package org.museumevents.gateway.web;
