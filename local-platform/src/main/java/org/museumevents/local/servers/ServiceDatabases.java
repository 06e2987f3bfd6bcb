package org.museumevents.local.servers;

import java.util.List;

/** Each service owns its database; the gateway's holds what its instances share (issue 18). */
public final class ServiceDatabases {

    public static final List<String> NAMES = List.of("catalog", "registration", "notification", "gateway");

    private ServiceDatabases() {}
}
