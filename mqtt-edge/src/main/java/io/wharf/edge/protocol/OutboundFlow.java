package io.wharf.edge.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.wharf.edge.delivery.SubscriptionOptions;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.message.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages going to one client: the QoS each is sent with, packet ids, and the QoS 1 and 2
 * exchanges in flight. Runs on the connection's event loop.
 */
final class OutboundFlow {

  private static final Logger log = LoggerFactory.getLogger(OutboundFlow.class);
  private static final int MAX_PACKET_ID = 65_535;

  private final Channel channel;
  private final MqttVersion version;
  private final String clientId;
  private final Map<Integer, InFlight> inFlight = new HashMap<>();
  private int lastPacketId;
  private long droppedQos0;

  OutboundFlow(Channel channel, MqttVersion version, String clientId) {
    this.channel = channel;
    this.version = version;
    this.clientId = clientId;
  }

  /** Sends one message that matched {@code matched} subscriptions of this client. */
  void send(LoggedMessage logged, List<SubscriptionOptions> matched) {
    if (!channel.isActive()) {
      return;
    }
    Message message = logged.message();
    int grantedQos = -1;
    boolean retainAsPublished = false;
    List<Integer> subscriptionIds = new ArrayList<>(0);
    for (SubscriptionOptions options : matched) {
      if (options.noLocal() && clientId.equals(message.publisherId())) {
        continue;
      }
      grantedQos = Math.max(grantedQos, options.qos());
      retainAsPublished |= options.retainAsPublished();
      if (options.subscriptionId() > 0) {
        subscriptionIds.add(options.subscriptionId());
      }
    }
    if (grantedQos < 0) {
      return;
    }
    MqttProperties properties = new MqttProperties();
    if (version == MqttVersion.MQTT_5 && !OutboundProperties.fill(properties, message, subscriptionIds, System.currentTimeMillis())) {
      return; // expired
    }
    int qos = Math.min(message.qos(), grantedQos);
    // Live messages go out with retain 0 unless an MQTT 5 subscription asked to keep the flag.
    boolean retain = version == MqttVersion.MQTT_5 && retainAsPublished && message.retain();
    if (qos == 0) {
      if (!channel.isWritable()) {
        droppedQos0++;
        log.debug("Dropped a QoS 0 message to {}: the connection is not keeping up ({} so far)", clientId, droppedQos0);
        return;
      }
      write(message, 0, retain, false, 0, properties);
      return;
    }
    int packetId = nextFreePacketId();
    if (packetId == 0) {
      log.warn("Dropped a QoS {} message to {}: all 65535 packet ids are in flight", qos, clientId);
      return;
    }
    inFlight.put(packetId, new InFlight(logged, qos, retain, properties));
    write(message, qos, retain, false, packetId, properties);
  }

  /** The client acknowledged a QoS 1 message. */
  void onPubAck(int packetId) {
    InFlight sent = inFlight.get(packetId);
    if (sent != null && sent.qos == 1) {
      inFlight.remove(packetId);
    }
  }

  /** The client received a QoS 2 message; release it. */
  void onPubRec(int packetId, boolean accepted) {
    InFlight sent = inFlight.get(packetId);
    if (sent == null || sent.qos != 2) {
      if (version == MqttVersion.MQTT_5) {
        channel.writeAndFlush(
            Packets.publishReply(MqttMessageType.PUBREL, packetId, (byte) 0x92, MqttProperties.NO_PROPERTIES));
      }
      return;
    }
    if (!accepted) {
      inFlight.remove(packetId); // a PUBREC with an error code ends the exchange
      return;
    }
    sent.released = true;
    channel.writeAndFlush(Packets.publishReply(MqttMessageType.PUBREL, packetId, (byte) 0, MqttProperties.NO_PROPERTIES));
  }

  /** The client completed a QoS 2 exchange. */
  void onPubComp(int packetId) {
    InFlight sent = inFlight.get(packetId);
    if (sent != null && sent.qos == 2) {
      inFlight.remove(packetId);
    }
  }

  int inFlightCount() {
    return inFlight.size();
  }

  private void write(Message message, int qos, boolean retain, boolean dup, int packetId, MqttProperties properties) {
    channel.writeAndFlush(
        Packets.publish(message.topic(), qos, retain, dup, packetId, Unpooled.wrappedBuffer(message.payload()), properties),
        channel.voidPromise());
  }

  private int nextFreePacketId() {
    for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
      lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
      if (!inFlight.containsKey(lastPacketId)) {
        return lastPacketId;
      }
    }
    return 0;
  }

  private static final class InFlight {
    final LoggedMessage message;
    final int qos;
    final boolean retain;
    final MqttProperties properties;
    boolean released;

    InFlight(LoggedMessage message, int qos, boolean retain, MqttProperties properties) {
      this.message = message;
      this.qos = qos;
      this.retain = retain;
      this.properties = properties;
    }
  }
}
