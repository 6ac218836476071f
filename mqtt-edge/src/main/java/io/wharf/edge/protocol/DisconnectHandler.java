package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * The client's DISCONNECT: a normal one discards the will; MQTT 5 reason 0x04 (disconnect with
 * will message) keeps it, so it is published as the connection closes.
 */
@ChannelHandler.Sharable
final class DisconnectHandler extends ChannelInboundHandlerAdapter {

  static final DisconnectHandler INSTANCE = new DisconnectHandler();

  private DisconnectHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MqttMessage packet) || packet.fixedHeader().messageType() != MqttMessageType.DISCONNECT) {
      ctx.fireChannelRead(msg);
      return;
    }
    MqttConnection connection = MqttConnection.of(ctx.channel());
    byte reason =
        packet.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader header
            ? header.reasonCode()
            : 0;
    if (reason != MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue()) {
      connection.discardWill();
    }
    Disconnector.connections.info("{} disconnected (reason 0x{})", connection.clientId(), Integer.toHexString(reason & 0xff));
    ctx.close();
  }
}
