package org.museumevents.local.servers;

import java.util.List;

/** Each service owns its database. */
public final class ServiceDatabases {

    public static final List<String> NAMES = List.of("catalog", "registration", "notification");

    private ServiceDatabases() {}
}
