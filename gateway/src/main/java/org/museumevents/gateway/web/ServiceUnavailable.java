package org.museumevents.gateway.web;

/** A service could not be reached, timed out or failed: the page says "temporarily unavailable". */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    ServiceUnavailable(String service, Throwable cause) {
        super("The " + service + " service is unavailable", cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
