package org.museumevents.starter.messaging;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads message bodies, turning every unreadable one into an {@link UnreadableMessage}. */
public final class MessageBodies {

    private MessageBodies() {}

    /**
     * The JSON body {@code payload} as a {@code type}.
     *
     * @throws UnreadableMessage when the body is empty, {@code null} or not a {@code type}; its text
     *     keeps only the parser's exception type, since the parser's message would quote the body
     */
    public static <T> T read(JsonMapper json, byte[] payload, Class<T> type) {
        if (payload == null || payload.length == 0) {
            throw new UnreadableMessage("An empty message");
        }
        try {
            T body = json.readValue(payload, type);
            if (body == null) {
                throw new UnreadableMessage("A null message");
            }
            return body;
        } catch (JacksonException e) {
            throw new UnreadableMessage(
                    "Unreadable " + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
