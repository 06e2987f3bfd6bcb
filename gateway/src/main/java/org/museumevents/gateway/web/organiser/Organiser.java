package org.museumevents.gateway.web.organiser;

/**
 * The organiser logged in: their organisation and a short-lived token minted for them, with which
 * the pages call the services as the organiser. The token stays on the server.
 */
record Organiser(String username, String organisation, String token) {

    @Override
    public String toString() {
        return "Organiser[" + username + ", " + organisation + "]";
    }
}
