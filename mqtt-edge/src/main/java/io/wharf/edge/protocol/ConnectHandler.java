package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.netty.HandlerNames;
import java.util.concurrent.TimeUnit;

/**
 * Handles the first packet, which must be CONNECT. On acceptance it sets up the connection's
 * session, replaces itself with the handlers of a connected client and answers CONNACK.
 */
@ChannelHandler.Sharable
public final class ConnectHandler extends ChannelInboundHandlerAdapter {

  private final ProtocolServices services;

  public ConnectHandler(ProtocolServices services) {
    this.services = services;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof MqttConnectMessage connect)) {
      ReferenceCountUtil.release(msg);
      Disconnector.closeQuietly(ctx.channel(), "the first packet was not CONNECT");
      return;
    }
    ConnectDecision decision = ConnectRules.decide(connect, System.currentTimeMillis());
    if (decision instanceof ConnectDecision.Accepted accepted) {
      accept(ctx, accepted);
    } else if (decision instanceof ConnectDecision.Refused refused) {
      Disconnector.refuseConnect(ctx.channel(), refused.code(), refused.reason());
    } else if (decision instanceof ConnectDecision.Violation violation) {
      Disconnector.closeQuietly(ctx.channel(), "CONNECT broke the protocol: " + violation.reason());
    }
  }

  private void accept(ChannelHandlerContext ctx, ConnectDecision.Accepted accepted) {
    MqttConnection connection =
        new MqttConnection(
            ctx.channel(), accepted.version(), accepted.clientId(), accepted.keepAliveSeconds(), accepted.will(), services);
    connection.attach();
    MqttConnection previous = services.clients().register(connection);
    if (previous != null) {
      previous
          .channel()
          .eventLoop()
          .execute(
              () ->
                  Disconnector.disconnect(
                      previous.channel(), MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER, "another connection took over the client id"));
    }
    switchToConnected(ctx.pipeline(), connection);
    ctx.writeAndFlush(
        Packets.connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED, false, connAckProperties(connection, accepted)));
    Disconnector.connections.info(
        "Connected {} from {} ({}, keep-alive {} s)",
        connection.clientId(),
        ctx.channel().remoteAddress(),
        accepted.version(),
        accepted.keepAliveSeconds());
  }

  private void switchToConnected(ChannelPipeline pipeline, MqttConnection connection) {
    pipeline.remove(HandlerNames.CONNECT_TIMEOUT);
    if (connection.keepAliveSeconds() > 0) {
      long idleMillis = connection.keepAliveSeconds() * 1500L;
      pipeline.addBefore(
          HandlerNames.DECODER, HandlerNames.KEEP_ALIVE_IDLE, new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
      pipeline.addAfter(HandlerNames.MALFORMED_PACKET, HandlerNames.KEEP_ALIVE_TIMEOUT, KeepAliveHandler.INSTANCE);
    }
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.CONNECTION_CLOSED, ConnectionClosedHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.UNEXPECTED_PACKET, UnexpectedPacketHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.DISCONNECT, DisconnectHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.PING, PingHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.SUBSCRIBE, SubscribeHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.DELIVERY_ACKS, DeliveryAckHandler.INSTANCE);
    pipeline.addAfter(HandlerNames.CONNECT, HandlerNames.PUBLISH, PublishHandler.INSTANCE);
    pipeline.remove(HandlerNames.CONNECT);
  }

  private MqttProperties connAckProperties(MqttConnection connection, ConnectDecision.Accepted accepted) {
    MqttProperties properties = new MqttProperties();
    if (!connection.isMqtt5()) {
      return properties;
    }
    if (accepted.assignedId()) {
      properties.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, accepted.clientId()));
    }
    properties.add(new MqttProperties.IntegerProperty(MqttProperties.MAXIMUM_PACKET_SIZE, services.settings().maxPacketSize()));
    properties.add(new MqttProperties.IntegerProperty(MqttProperties.RETAIN_AVAILABLE, 0));
    properties.add(new MqttProperties.IntegerProperty(MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0));
    return properties;
  }
}
