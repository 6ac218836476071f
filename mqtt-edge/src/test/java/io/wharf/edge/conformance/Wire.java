package io.wharf.edge.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes MQTT packets byte by byte, so that a test can send exactly what it means, including what
 * no real client would send. Fields are appended in order; {@link #packet} adds the fixed header.
 */
public final class Wire {

    public static final int CONNECT = 0x10;
    public static final int PUBLISH = 0x30;
    public static final int PUBACK = 0x40;
    public static final int PUBREC = 0x50;
    public static final int PUBREL = 0x62;
    public static final int PUBCOMP = 0x70;
    public static final int SUBSCRIBE = 0x82;
    public static final int UNSUBSCRIBE = 0xA2;
    public static final int PINGREQ = 0xC0;
    public static final int DISCONNECT = 0xE0;
    public static final int AUTH = 0xF0;

    // MQTT 5 property identifiers
    public static final int PAYLOAD_FORMAT_INDICATOR = 0x01;
    public static final int MESSAGE_EXPIRY_INTERVAL = 0x02;
    public static final int CONTENT_TYPE = 0x03;
    public static final int RESPONSE_TOPIC = 0x08;
    public static final int CORRELATION_DATA = 0x09;
    public static final int SUBSCRIPTION_IDENTIFIER = 0x0B;
    public static final int SESSION_EXPIRY_INTERVAL = 0x11;
    public static final int ASSIGNED_CLIENT_IDENTIFIER = 0x12;
    public static final int SERVER_KEEP_ALIVE = 0x13;
    public static final int AUTHENTICATION_METHOD = 0x15;
    public static final int REQUEST_PROBLEM_INFORMATION = 0x17;
    public static final int WILL_DELAY_INTERVAL = 0x18;
    public static final int REQUEST_RESPONSE_INFORMATION = 0x19;
    public static final int RESPONSE_INFORMATION = 0x1A;
    public static final int REASON_STRING = 0x1F;
    public static final int RECEIVE_MAXIMUM = 0x21;
    public static final int TOPIC_ALIAS_MAXIMUM = 0x22;
    public static final int TOPIC_ALIAS = 0x23;
    public static final int MAXIMUM_QOS = 0x24;
    public static final int USER_PROPERTY = 0x26;
    public static final int MAXIMUM_PACKET_SIZE = 0x27;
    public static final int SHARED_SUBSCRIPTION_AVAILABLE = 0x2A;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Wire of() {
        return new Wire();
    }

    public Wire u8(int value) {
        out.write(value);
        return this;
    }

    public Wire u16(int value) {
        out.write(value >> 8);
        out.write(value);
        return this;
    }

    public Wire u32(long value) {
        return u16((int) (value >> 16)).u16((int) value);
    }

    public Wire varInt(int value) {
        do {
            int digit = value % 128;
            value /= 128;
            out.write(value > 0 ? digit | 0x80 : digit);
        } while (value > 0);
        return this;
    }

    public Wire utf8(String text) {
        return binary(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Two-byte length, then the bytes: how MQTT writes binary data and strings. */
    public Wire binary(byte[] bytes) {
        return u16(bytes.length).raw(bytes);
    }

    public Wire raw(byte... bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** An MQTT 5 property block: its length, then the properties written into {@code properties}. */
    public Wire properties(Wire properties) {
        byte[] bytes = properties.bytes();
        return varInt(bytes.length).raw(bytes);
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    /** A whole packet: {@code firstByte} (type and flags), the remaining length, then these bytes. */
    public byte[] packet(int firstByte) {
        byte[] body = bytes();
        return new Wire().u8(firstByte).varInt(body.length).raw(body).bytes();
    }

    // ---- the packets tests send most ----------------------------------------------------------

    /** CONNECT of MQTT 3.1.1 (level 4) with the given flags byte and no payload beyond the client id. */
    public static byte[] connect311(String clientId, boolean cleanSession, int keepAliveSeconds) {
        return of().utf8("MQTT")
                .u8(4)
                .u8(cleanSession ? 0x02 : 0)
                .u16(keepAliveSeconds)
                .utf8(clientId)
                .packet(CONNECT);
    }

    /** CONNECT of MQTT 5 (level 5) with clean start and the given properties. */
    public static byte[] connect5(String clientId, int keepAliveSeconds, Wire properties) {
        return connect5(clientId, true, keepAliveSeconds, properties);
    }

    public static byte[] connect5(String clientId, boolean cleanStart, int keepAliveSeconds, Wire properties) {
        return of().utf8("MQTT")
                .u8(5)
                .u8(cleanStart ? 0x02 : 0)
                .u16(keepAliveSeconds)
                .properties(properties)
                .utf8(clientId)
                .packet(CONNECT);
    }

    /** PUBLISH without MQTT 5 properties; {@code packetId} is written only for QoS 1 and 2. */
    public static byte[] publish311(String topic, int qos, int packetId, byte[] payload) {
        Wire wire = of().utf8(topic);
        if (qos > 0) {
            wire.u16(packetId);
        }
        return wire.raw(payload).packet(PUBLISH | qos << 1);
    }

    /** PUBLISH with MQTT 5 properties. */
    public static byte[] publish5(String topic, int qos, int packetId, Wire properties, byte[] payload) {
        return publish5(topic, qos, false, packetId, properties, payload);
    }

    public static byte[] publish5(String topic, int qos, boolean dup, int packetId, Wire properties, byte[] payload) {
        Wire wire = of().utf8(topic);
        if (qos > 0) {
            wire.u16(packetId);
        }
        return wire.properties(properties).raw(payload).packet(PUBLISH | (dup ? 0x08 : 0) | qos << 1);
    }

    /** PUBACK, PUBREC, PUBREL or PUBCOMP in its short form (no reason code: success). */
    public static byte[] ack(int firstByte, int packetId) {
        return of().u16(packetId).packet(firstByte);
    }

    /** SUBSCRIBE of MQTT 3.1.1: one filter and requested QoS per pair. */
    public static byte[] subscribe311(int packetId, String filter, int qos) {
        return of().u16(packetId).utf8(filter).u8(qos).packet(SUBSCRIBE);
    }

    /** SUBSCRIBE of MQTT 5 with properties, one filter and its options byte. */
    public static byte[] subscribe5(int packetId, Wire properties, String filter, int options) {
        return of().u16(packetId)
                .properties(properties)
                .utf8(filter)
                .u8(options)
                .packet(SUBSCRIBE);
    }

    public static byte[] pingReq() {
        return of().packet(PINGREQ);
    }

    public static byte[] disconnect311() {
        return of().packet(DISCONNECT);
    }

    public static byte[] disconnect5(int reasonCode, Wire properties) {
        return of().u8(reasonCode).properties(properties).packet(DISCONNECT);
    }
}
