package org.museumevents.local.services;

import java.util.Map;

/**
 * One service process: its module (whose jar it runs), its name (the module's, or with an instance
 * number for a further instance: its log file's name), its port and the standard properties it
 * gets, as environment variables.
 */
record Service(String module, String name, int port, Map<String, String> environment) {

    Service(String module, int port, Map<String, String> environment) {
        this(module, module, port, environment);
    }
}
