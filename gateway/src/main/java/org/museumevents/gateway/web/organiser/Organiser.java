package org.museumevents.gateway.web.organiser;

/**
 * The organiser logged in: their organisation and a short-lived token minted for them, with which
 * the pages call the services as the organiser. The token stays on the server. {@code door} is true
 * for door staff (role {@code door}, issue 16): they reach the check-in pages only.
 */
record Organiser(String username, String organisation, String token, boolean door) {

    @Override
    public String toString() {
        return "Organiser[" + username + ", " + organisation + (door ? ", door" : "") + "]";
    }
}
