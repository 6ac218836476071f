package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicNames;
import java.util.Optional;
import java.util.UUID;

/** Decides whether a CONNECT is accepted, and on what terms, as a value; touches no connection. */
final class ConnectRules {

    private static final String ASSIGNED_ID_PREFIX = "wharf-";
    private static final long MQTT5_NEVER_EXPIRES = 0xFFFF_FFFFL;

    private ConnectRules() {}

    static ConnectDecision decide(MqttConnectMessage connect, ProtocolSettings settings, long nowMs) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        MqttVersion version = MqttVersion.fromProtocolNameAndLevel(header.name(), (byte) header.version());
        boolean mqtt5 = version == MqttVersion.MQTT_5;
        MqttProperties properties = header.properties();

        if (!header.isWillFlag() && (header.willQos() != 0 || header.isWillRetain())) {
            return malformed(mqtt5, "will QoS or will retain set without a will");
        }
        if (header.willQos() > 2) {
            return malformed(mqtt5, "will QoS 3");
        }
        if (!mqtt5 && header.hasPassword() && !header.hasUserName()) {
            return new ConnectDecision.Violation("a password without a user name");
        }
        if (mqtt5
                && (PropertyCheckHandler.firstNotAllowed(properties, PropertyCheckHandler.CONNECT_PROPERTIES) != null
                        || header.isWillFlag()
                                && PropertyCheckHandler.firstNotAllowed(
                                                payload.willProperties(), PropertyCheckHandler.WILL_PROPERTIES)
                                        != null)) {
            return malformed(true, "a property CONNECT or its will may not carry");
        }
        if (mqtt5 && InboundProperties.string(properties, MqttProperties.AUTHENTICATION_METHOD) != null) {
            return new ConnectDecision.Refused(
                    MqttConnectReturnCode.CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD,
                    "no enhanced authentication method is configured");
        }
        ClientLimits limits = mqtt5 ? limits(properties) : ClientLimits.mqtt3();
        if (limits == null) {
            return new ConnectDecision.Refused(
                    MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR,
                    "Receive Maximum or Maximum Packet Size is 0");
        }

        String clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        boolean assigned = false;
        if (clientId.isEmpty()) {
            if (version == MqttVersion.MQTT_3_1 || (version == MqttVersion.MQTT_3_1_1 && !header.isCleanSession())) {
                return new ConnectDecision.Refused(
                        identifierRejected(version), "an empty client id needs a clean session");
            }
            clientId = ASSIGNED_ID_PREFIX + UUID.randomUUID();
            assigned = true;
        } else if (clientId.length() > settings.maxClientIdLength()) {
            return new ConnectDecision.Refused(
                    identifierRejected(version),
                    "a client id longer than " + settings.maxClientIdLength() + " characters");
        }

        long askedExpiry;
        if (mqtt5) {
            Integer expiry = InboundProperties.integer(properties, MqttProperties.SESSION_EXPIRY_INTERVAL);
            askedExpiry = expiry == null ? 0 : Integer.toUnsignedLong(expiry);
        } else {
            askedExpiry = header.isCleanSession() ? 0 : MQTT5_NEVER_EXPIRES;
        }
        long sessionExpiry = Math.min(askedExpiry, settings.maxSessionExpirySeconds());

        int keepAlive = header.keepAliveTimeSeconds();
        boolean keepAliveChanged = false;
        if (settings.maxKeepAliveSeconds() > 0
                && (keepAlive == 0 || keepAlive > settings.maxKeepAliveSeconds())
                && mqtt5) {
            keepAlive = settings.maxKeepAliveSeconds();
            keepAliveChanged = true;
        }

        ApplicationMessage will = null;
        long willDelay = 0;
        if (header.isWillFlag()) {
            if (!TopicNames.isValidName(payload.willTopic())) {
                return mqtt5
                        ? new ConnectDecision.Refused(
                                MqttConnectReturnCode.CONNECTION_REFUSED_TOPIC_NAME_INVALID, "invalid will topic")
                        : new ConnectDecision.Violation("invalid will topic");
            }
            MqttProperties willProperties = payload.willProperties();
            Integer delay = InboundProperties.integer(willProperties, MqttProperties.WILL_DELAY_INTERVAL);
            willDelay = delay == null ? 0 : Integer.toUnsignedLong(delay);
            will = new ApplicationMessage(
                    payload.willTopic(),
                    payload.willMessageInBytes() == null ? new byte[0] : payload.willMessageInBytes(),
                    header.willQos(),
                    header.isWillRetain(),
                    clientId,
                    nowMs,
                    InboundProperties.from(willProperties));
            if (PayloadFormat.isInvalidUtf8(will)) {
                return new ConnectDecision.Refused(
                        MqttConnectReturnCode.CONNECTION_REFUSED_PAYLOAD_FORMAT_INVALID,
                        "the will payload is not the UTF-8 its format indicator says");
            }
        }
        return new ConnectDecision.Accepted(
                version,
                clientId,
                assigned,
                header.isCleanSession(),
                keepAlive,
                keepAliveChanged,
                sessionExpiry,
                mqtt5 && sessionExpiry != askedExpiry,
                limits,
                will,
                willDelay);
    }

    /** The client's MQTT 5 limits, or null when one of them is the forbidden value 0. */
    private static ClientLimits limits(MqttProperties properties) {
        Integer receiveMaximum = InboundProperties.integer(properties, MqttProperties.RECEIVE_MAXIMUM);
        Integer maximumPacketSize = InboundProperties.integer(properties, MqttProperties.MAXIMUM_PACKET_SIZE);
        if ((receiveMaximum != null && receiveMaximum == 0) || (maximumPacketSize != null && maximumPacketSize == 0)) {
            return null;
        }
        Integer topicAliasMaximum = InboundProperties.integer(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM);
        Integer problemInformation = InboundProperties.integer(properties, MqttProperties.REQUEST_PROBLEM_INFORMATION);
        Integer responseInformation =
                InboundProperties.integer(properties, MqttProperties.REQUEST_RESPONSE_INFORMATION);
        return new ClientLimits(
                receiveMaximum == null ? 65_535 : receiveMaximum,
                maximumPacketSize == null ? ClientLimits.UNLIMITED_PACKET_SIZE : maximumPacketSize,
                topicAliasMaximum == null ? 0 : topicAliasMaximum,
                problemInformation == null || problemInformation != 0,
                responseInformation != null && responseInformation == 1);
    }

    private static ConnectDecision malformed(boolean mqtt5, String reason) {
        return mqtt5
                ? new ConnectDecision.Refused(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET, reason)
                : new ConnectDecision.Violation(reason);
    }

    /**
     * What answers a CONNECT that Netty could not decode: the CONNACK code the version has for the
     * failure, or empty where there is none and the connection just closes (3.1.1 has no
     * "malformed" code, section 4.8 of 3.1.1: the server closes the connection).
     */
    static Optional<MqttConnectReturnCode> malformedConnect(MqttVersion version, Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            return Optional.of(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        }
        if (cause instanceof MqttIdentifierRejectedException) {
            return Optional.of(identifierRejected(version));
        }
        return version == MqttVersion.MQTT_5
                ? Optional.of(MqttConnectReturnCode.CONNECTION_REFUSED_MALFORMED_PACKET)
                : Optional.empty();
    }

    /** The "identifier rejected" code in the version the client spoke. */
    static MqttConnectReturnCode identifierRejected(MqttVersion version) {
        return version == MqttVersion.MQTT_5
                ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
    }
}
