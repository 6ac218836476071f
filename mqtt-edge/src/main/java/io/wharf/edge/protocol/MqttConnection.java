package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.delivery.Subscriber;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import io.wharf.schemas.topic.TopicFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One client's accepted connection and the session state that lives with it. Everything here is
 * touched only on the channel's event loop, except {@link #deliver}, which hops onto it.
 */
public final class MqttConnection implements Subscriber {

  private static final AttributeKey<MqttConnection> KEY = AttributeKey.valueOf("wharf.connection");

  private final Channel channel;
  private final MqttVersion version;
  private final String clientId;
  private final int keepAliveSeconds;
  private final ProtocolServices services;
  private Message will;
  private final Map<TopicFilter, SubscriptionOptions> subscriptions = new HashMap<>();
  private final InboundQos2 inboundQos2 = new InboundQos2();
  private final OutboundFlow outbound;

  MqttConnection(
      Channel channel,
      MqttVersion version,
      String clientId,
      int keepAliveSeconds,
      Message will,
      ProtocolServices services) {
    this.channel = channel;
    this.will = will;
    this.version = version;
    this.clientId = clientId;
    this.keepAliveSeconds = keepAliveSeconds;
    this.services = services;
    this.outbound = new OutboundFlow(channel, version, clientId);
  }

  /** The connection of a channel, or null before CONNECT was accepted. */
  public static MqttConnection of(Channel channel) {
    return channel.attr(KEY).get();
  }

  void attach() {
    channel.attr(KEY).set(this);
  }

  public String clientId() {
    return clientId;
  }

  public MqttVersion version() {
    return version;
  }

  public Channel channel() {
    return channel;
  }

  int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  ProtocolServices services() {
    return services;
  }

  Map<TopicFilter, SubscriptionOptions> subscriptions() {
    return subscriptions;
  }

  InboundQos2 inboundQos2() {
    return inboundQos2;
  }

  OutboundFlow outbound() {
    return outbound;
  }

  boolean isMqtt5() {
    return version == MqttVersion.MQTT_5;
  }

  @Override
  public void deliver(LoggedMessage message, List<SubscriptionOptions> matched) {
    channel.eventLoop().execute(() -> outbound.send(message, matched));
  }

  /** The client ended the connection normally: its will must not be published. */
  void discardWill() {
    will = null;
  }

  /**
   * The socket has closed: publish the will unless the client disconnected normally (which
   * discarded it), and drop the connection's subscriptions from the edge.
   */
  void closed() {
    if (will != null) {
      Message due = will;
      will = null;
      services
          .messageLog()
          .append(due)
          .whenComplete(
              (position, error) -> {
                if (error != null) {
                  Disconnector.connections.warn("Could not publish the will of {}: {}", clientId, error.toString());
                }
              });
    }
    release();
  }

  private void release() {
    subscriptions.forEach(
        (filter, options) -> {
          services.subscriptions().remove(filter, this);
          services.messageFeed().unfollow(filter);
        });
    subscriptions.clear();
    services.clients().unregister(this);
  }
}
