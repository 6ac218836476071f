package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MQTT 5: a packet from a client that carries a property its type does not allow is malformed
 * (section 2.2.2.2), and ends the connection with DISCONNECT 0x81 before any handler acts on it.
 */
@ChannelHandler.Sharable
final class PropertyCheckHandler extends ChannelInboundHandlerAdapter {

    static final PropertyCheckHandler INSTANCE = new PropertyCheckHandler();

    private static final Set<Integer> ACK_PROPERTIES =
            Set.of(MqttProperties.REASON_STRING, MqttProperties.USER_PROPERTY);
    static final Set<Integer> CONNECT_PROPERTIES = Set.of(
            MqttProperties.SESSION_EXPIRY_INTERVAL,
            MqttProperties.RECEIVE_MAXIMUM,
            MqttProperties.MAXIMUM_PACKET_SIZE,
            MqttProperties.TOPIC_ALIAS_MAXIMUM,
            MqttProperties.REQUEST_RESPONSE_INFORMATION,
            MqttProperties.REQUEST_PROBLEM_INFORMATION,
            MqttProperties.USER_PROPERTY,
            MqttProperties.AUTHENTICATION_METHOD,
            MqttProperties.AUTHENTICATION_DATA);
    static final Set<Integer> WILL_PROPERTIES = Set.of(
            MqttProperties.WILL_DELAY_INTERVAL,
            MqttProperties.PAYLOAD_FORMAT_INDICATOR,
            MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
            MqttProperties.CONTENT_TYPE,
            MqttProperties.RESPONSE_TOPIC,
            MqttProperties.CORRELATION_DATA,
            MqttProperties.USER_PROPERTY);
    private static final Map<MqttMessageType, Set<Integer>> ALLOWED = Map.of(
            MqttMessageType.PUBLISH,
            Set.of(
                    MqttProperties.PAYLOAD_FORMAT_INDICATOR,
                    MqttProperties.PUBLICATION_EXPIRY_INTERVAL,
                    MqttProperties.TOPIC_ALIAS,
                    MqttProperties.RESPONSE_TOPIC,
                    MqttProperties.CORRELATION_DATA,
                    MqttProperties.USER_PROPERTY,
                    MqttProperties.CONTENT_TYPE),
            MqttMessageType.PUBACK,
            ACK_PROPERTIES,
            MqttMessageType.PUBREC,
            ACK_PROPERTIES,
            MqttMessageType.PUBREL,
            ACK_PROPERTIES,
            MqttMessageType.PUBCOMP,
            ACK_PROPERTIES,
            MqttMessageType.SUBSCRIBE,
            Set.of(MqttProperties.SUBSCRIPTION_IDENTIFIER, MqttProperties.USER_PROPERTY),
            MqttMessageType.UNSUBSCRIBE,
            Set.of(MqttProperties.USER_PROPERTY),
            MqttMessageType.DISCONNECT,
            Set.of(
                    MqttProperties.SESSION_EXPIRY_INTERVAL,
                    MqttProperties.REASON_STRING,
                    MqttProperties.USER_PROPERTY,
                    MqttProperties.SERVER_REFERENCE),
            MqttMessageType.AUTH,
            Set.of(
                    MqttProperties.AUTHENTICATION_METHOD,
                    MqttProperties.AUTHENTICATION_DATA,
                    MqttProperties.REASON_STRING,
                    MqttProperties.USER_PROPERTY));

    private PropertyCheckHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage packet) {
            Optional<Disconnect> malformed =
                    check(packet.fixedHeader().messageType(), properties(packet.variableHeader()));
            if (malformed.isPresent()) {
                ReferenceCountUtil.release(msg);
                Answers.disconnect(ctx.channel(), malformed.get());
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A packet of {@code type} with a property its type does not allow is malformed: the
     * DISCONNECT 0x81 for it, or empty.
     *
     * @param properties the packet's properties, or null for a packet that has none
     */
    static Optional<Disconnect> check(MqttMessageType type, MqttProperties properties) {
        Set<Integer> allowed = ALLOWED.get(type);
        Integer forbidden = allowed == null || properties == null ? null : firstNotAllowed(properties, allowed);
        if (forbidden == null) {
            return Optional.empty();
        }
        return Optional.of(new Disconnect(
                MqttReasonCodes.Disconnect.MALFORMED_PACKET,
                "property 0x" + Integer.toHexString(forbidden) + " is not allowed in " + type));
    }

    /** The first of {@code properties} that is not in {@code allowed}, or null. */
    static Integer firstNotAllowed(MqttProperties properties, Set<Integer> allowed) {
        for (MqttProperties.MqttProperty<?> property : properties.listAll()) {
            if (!allowed.contains(property.propertyId())) {
                return property.propertyId();
            }
        }
        return null;
    }

    private static MqttProperties properties(Object header) {
        if (header instanceof MqttPublishVariableHeader publish) {
            return publish.properties();
        } else if (header instanceof MqttPubReplyMessageVariableHeader reply) {
            return reply.properties();
        } else if (header instanceof MqttMessageIdAndPropertiesVariableHeader idAndProperties) {
            return idAndProperties.properties();
        } else if (header instanceof MqttReasonCodeAndPropertiesVariableHeader reasonAndProperties) {
            return reasonAndProperties.properties();
        }
        return null;
    }
}
