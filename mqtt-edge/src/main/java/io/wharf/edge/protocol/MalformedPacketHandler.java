package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;

/**
 * First after the decoder: a packet Netty could not decode ends the connection here, with the
 * reason code the client's version allows (an MQTT 5 CONNECT gets CONNACK 0x81), and never reaches
 * the protocol handlers. The decoder does not recover after a failure, so the connection always
 * closes.
 */
@ChannelHandler.Sharable
public final class MalformedPacketHandler extends ChannelInboundHandlerAdapter {

    public static final MalformedPacketHandler INSTANCE = new MalformedPacketHandler();

    private MalformedPacketHandler() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage packet && packet.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            reject(ctx, packet);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static void reject(ChannelHandlerContext ctx, MqttMessage packet) {
        DecoderResult result = packet.decoderResult();
        Throwable cause = result.cause();
        String why = "malformed " + typeOf(packet) + ": " + cause.getMessage();
        MqttConnection connection = MqttConnection.of(ctx.channel());
        if (connection == null) {
            refuseBeforeConnect(ctx, packet, cause, why);
        } else if (cause instanceof TooLongFrameException) {
            Disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.PACKET_TOO_LARGE, why);
        } else {
            Disconnector.disconnect(ctx.channel(), MqttReasonCodes.Disconnect.MALFORMED_PACKET, why);
        }
    }

    private static void refuseBeforeConnect(
            ChannelHandlerContext ctx, MqttMessage packet, Throwable cause, String why) {
        boolean isConnect =
                packet.fixedHeader() != null && packet.fixedHeader().messageType() == MqttMessageType.CONNECT;
        Optional<MqttConnectReturnCode> code =
                isConnect ? ConnectRules.malformedConnect(ChannelVersion.of(ctx.channel()), cause) : Optional.empty();
        if (code.isPresent()) {
            Disconnector.refuseConnect(ctx.channel(), code.get(), why);
        } else {
            Disconnector.closeQuietly(ctx.channel(), why);
        }
    }

    private static String typeOf(MqttMessage packet) {
        return packet.fixedHeader() == null
                ? "packet"
                : packet.fixedHeader().messageType().name();
    }
}
