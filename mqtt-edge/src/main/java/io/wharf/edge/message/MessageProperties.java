package io.wharf.edge.message;

import java.util.List;

/**
 * The MQTT 5 properties a message carries from its publisher to its subscribers. Every field but
 * the user properties may be null (absent).
 *
 * @param payloadFormat 1 when the payload is UTF-8 text, 0 when unspecified bytes
 * @param expirySeconds the message expiry interval, counted from the message's timestamp
 * @param userProperties in the order the publisher sent them, duplicates kept
 */
public record MessageProperties(
        Integer payloadFormat,
        Long expirySeconds,
        String contentType,
        String responseTopic,
        byte[] correlationData,
        List<UserProperty> userProperties) {

    public static final MessageProperties NONE = new MessageProperties(null, null, null, null, null, List.of());

    public MessageProperties {
        userProperties = List.copyOf(userProperties);
    }
}
