package org.museumevents.local.servers;

/** Start order: the servers before the services, which stop first. */
public final class Phases {

    public static final int SERVERS = 100;
    public static final int SERVICES = 200;

    private Phases() {}
}
