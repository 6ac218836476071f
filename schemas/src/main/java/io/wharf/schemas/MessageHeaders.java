package io.wharf.schemas;

/**
 * Names of the Kafka headers that carry MQTT metadata on a message record.
 *
 * <p>Values are UTF-8 text (numbers in decimal) except correlation data, which is the raw bytes, so
 * that Kafka's console tools show them readably. MQTT 5 user properties are headers of their own
 * names; a user property whose name starts with {@link #RESERVED_PREFIX} is stored under {@link
 * #USER_PROPERTY_ESCAPE} + its name so that it can never be mistaken for Wharf's metadata. Every
 * header is optional: a record with none is a valid QoS 0 message.
 */
public final class MessageHeaders {

    public static final String RESERVED_PREFIX = "mqtt.";
    /** The MQTT topic, when the record key is not the whole topic (a mapping rule keys by levels). */
    public static final String TOPIC = "mqtt.topic";

    public static final String QOS = "mqtt.qos";
    public static final String RETAIN = "mqtt.retain";
    public static final String CLIENT_ID = "mqtt.client-id";
    public static final String CONTENT_TYPE = "mqtt.content-type";
    public static final String RESPONSE_TOPIC = "mqtt.response-topic";
    public static final String CORRELATION_DATA = "mqtt.correlation-data";
    public static final String PAYLOAD_FORMAT = "mqtt.payload-format";
    public static final String MESSAGE_EXPIRY = "mqtt.message-expiry";
    public static final String USER_PROPERTY_ESCAPE = "mqtt.user.";

    private MessageHeaders() {}

    /** The Kafka header name under which an MQTT 5 user property of this name is stored. */
    public static String headerForUserProperty(String name) {
        return name.startsWith(RESERVED_PREFIX) ? USER_PROPERTY_ESCAPE + name : name;
    }

    /** The user property name a Kafka header stands for, or null if it is Wharf metadata. */
    public static String userPropertyForHeader(String header) {
        if (header.startsWith(USER_PROPERTY_ESCAPE)) {
            return header.substring(USER_PROPERTY_ESCAPE.length());
        }
        return header.startsWith(RESERVED_PREFIX) ? null : header;
    }
}
