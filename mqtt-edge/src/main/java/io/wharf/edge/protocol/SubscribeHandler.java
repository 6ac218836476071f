package io.wharf.edge.protocol;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * SUBSCRIBE and UNSUBSCRIBE. SUBACK goes out only once the live feed reads every partition the new
 * filters can match, from offsets taken now, so a message published after SUBACK reaches the
 * client.
 */
@ChannelHandler.Sharable
final class SubscribeHandler extends ChannelInboundHandlerAdapter {

  static final SubscribeHandler INSTANCE = new SubscribeHandler();

  private static final String SHARED_PREFIX = "$share/";

  private SubscribeHandler() {}

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof MqttSubscribeMessage subscribe) {
      onSubscribe(ctx, MqttConnection.of(ctx.channel()), subscribe);
    } else if (msg instanceof MqttUnsubscribeMessage unsubscribe) {
      onUnsubscribe(ctx, MqttConnection.of(ctx.channel()), unsubscribe);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onSubscribe(ChannelHandlerContext ctx, MqttConnection connection, MqttSubscribeMessage subscribe) {
    MqttMessageIdAndPropertiesVariableHeader header = subscribe.idAndPropertiesVariableHeader();
    Integer subscriptionId = InboundProperties.integer(header.properties(), MqttProperties.SUBSCRIPTION_IDENTIFIER);
    List<Integer> reasonCodes = new ArrayList<>();
    List<CompletableFuture<Void>> following = new ArrayList<>();
    for (MqttTopicSubscription request : subscribe.payload().topicSubscriptions()) {
      TopicFilter filter = parse(request.topicFilter());
      if (filter == null) {
        reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID));
        continue;
      }
      if (request.topicFilter().startsWith(SHARED_PREFIX)) {
        reasonCodes.add(failure(connection, MqttReasonCodes.SubAck.SHARED_SUBSCRIPTIONS_NOT_SUPPORTED));
        continue;
      }
      MqttSubscriptionOption option = request.option();
      int qos = Math.min(option.qos().value(), 2);
      SubscriptionOptions options =
          new SubscriptionOptions(
              qos,
              option.isNoLocal(),
              option.isRetainAsPublished(),
              option.retainHandling().value(),
              subscriptionId == null ? 0 : subscriptionId);
      boolean isNew = connection.subscriptions().put(filter, options) == null;
      connection.services().subscriptions().add(filter, connection, options);
      if (isNew) {
        following.add(connection.services().messageFeed().follow(filter));
      }
      reasonCodes.add(qos);
    }
    int packetId = header.messageId();
    CompletableFuture.allOf(following.toArray(CompletableFuture[]::new))
        .whenCompleteAsync(
            (done, error) -> {
              List<Integer> codes = reasonCodes;
              if (error != null) {
                codes = reasonCodes.stream().map(code -> code < 0x80 ? failure(connection, MqttReasonCodes.SubAck.UNSPECIFIED_ERROR) : code).toList();
              }
              ctx.writeAndFlush(Packets.subAck(packetId, codes, MqttProperties.NO_PROPERTIES));
            },
            ctx.executor());
  }

  private void onUnsubscribe(ChannelHandlerContext ctx, MqttConnection connection, MqttUnsubscribeMessage unsubscribe) {
    List<Short> reasonCodes = new ArrayList<>();
    for (String text : unsubscribe.payload().topics()) {
      TopicFilter filter = parse(text);
      if (filter == null) {
        reasonCodes.add((short) MqttReasonCodes.UnsubAck.TOPIC_FILTER_INVALID.byteValue());
      } else if (connection.subscriptions().remove(filter) != null) {
        connection.services().subscriptions().remove(filter, connection);
        connection.services().messageFeed().unfollow(filter);
        reasonCodes.add((short) MqttReasonCodes.UnsubAck.SUCCESS.byteValue());
      } else {
        reasonCodes.add((short) MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue());
      }
    }
    ctx.writeAndFlush(
        Packets.unsubAck(unsubscribe.idAndPropertiesVariableHeader().messageId(), reasonCodes, MqttProperties.NO_PROPERTIES));
  }

  private static TopicFilter parse(String text) {
    try {
      return TopicFilter.parse(text);
    } catch (InvalidTopicException e) {
      return null;
    }
  }

  /** A SUBACK failure: MQTT 5 says why, 3.1.1 has only 0x80. */
  private static int failure(MqttConnection connection, MqttReasonCodes.SubAck reason) {
    return connection.isMqtt5() ? reason.byteValue() & 0xff : 0x80;
  }
}
