package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttMessage;

/** How an answer goes out on the wire: a packet, a disconnect, or nothing at all. */
sealed interface Outgoing permits Outgoing.Packet, Disconnect, Outgoing.Nothing {

    /** Write this packet. */
    record Packet(MqttMessage message) implements Outgoing {}

    /** The version has no packet for the answer and needs none either. */
    enum Nothing implements Outgoing {
        INSTANCE
    }
}
