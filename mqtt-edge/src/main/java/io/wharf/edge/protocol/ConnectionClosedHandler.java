package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** When a connected client's socket closes: publish its will if it ended abnormally, and release its session. */
@ChannelHandler.Sharable
final class ConnectionClosedHandler extends ChannelInboundHandlerAdapter {

  static final ConnectionClosedHandler INSTANCE = new ConnectionClosedHandler();

  private ConnectionClosedHandler() {}

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    MqttConnection connection = MqttConnection.of(ctx.channel());
    if (connection != null) {
      connection.closed();
    }
    ctx.fireChannelInactive();
  }
}
