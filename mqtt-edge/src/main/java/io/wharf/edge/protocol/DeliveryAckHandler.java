package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;

/** PUBACK, PUBREC and PUBCOMP from a client, for messages the edge delivered to it. */
@ChannelHandler.Sharable
final class DeliveryAckHandler extends ChannelInboundHandlerAdapter {

  static final DeliveryAckHandler INSTANCE = new DeliveryAckHandler();

  private DeliveryAckHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MqttMessage packet)) {
      ctx.fireChannelRead(msg);
      return;
    }
    OutboundFlow outbound = MqttConnection.of(ctx.channel()).outbound();
    switch (packet.fixedHeader().messageType()) {
      case PUBACK -> outbound.onPubAck(Packets.messageId(packet).messageId());
      case PUBREC -> outbound.onPubRec(Packets.messageId(packet).messageId(), reasonCode(packet) < 0x80);
      case PUBCOMP -> outbound.onPubComp(Packets.messageId(packet).messageId());
      default -> ctx.fireChannelRead(msg);
    }
  }

  private static int reasonCode(MqttMessage packet) {
    return packet.variableHeader() instanceof MqttPubReplyMessageVariableHeader header ? header.reasonCode() & 0xff : 0;
  }
}
