package org.museumevents.local.services;

import java.util.Map;

/**
 * One service process: its module (and jar) name, its port and the standard properties it gets, as
 * environment variables.
 */
record Service(String name, int port, Map<String, String> environment) {}
