package io.wharf.edge.protocol;

import io.netty.channel.Channel;

/**
 * The client's QoS 1 and 2 messages not acknowledged yet, against the edge's Receive Maximum. An
 * MQTT 5 client knows that maximum, so going over it is its error; an older client cannot know it,
 * so the edge stops reading from it until acknowledgements catch up. Used on the channel's event
 * loop only.
 */
final class InboundWindow {

    private final Channel channel;
    private final boolean mqtt5;
    private final int receiveMaximum;
    private int unacknowledged;

    InboundWindow(Channel channel, boolean mqtt5, int receiveMaximum) {
        this.channel = channel;
        this.mqtt5 = mqtt5;
        this.receiveMaximum = receiveMaximum;
    }

    /**
     * Counts a QoS 1 or 2 message from the client until it is acknowledged.
     *
     * @return false when an MQTT 5 client sent more than the Receive Maximum
     */
    boolean start() {
        unacknowledged++;
        if (mqtt5) {
            return unacknowledged <= receiveMaximum;
        }
        if (unacknowledged >= receiveMaximum) {
            channel.config().setAutoRead(false);
        }
        return true;
    }

    void finish() {
        unacknowledged = Math.max(0, unacknowledged - 1);
        if (!mqtt5 && unacknowledged < receiveMaximum && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * A QoS 2 message from the client is in the log and answered with PUBREC. An MQTT 5 client's
     * message counts against the Receive Maximum until its PUBREL; an older client's stops counting
     * now: that client is held back by not reading from it, and its PUBREL must still be read.
     */
    void qos2Stored() {
        if (!mqtt5) {
            finish();
        }
    }

    /** PUBREL completed a QoS 2 message from the client. */
    void qos2Released() {
        if (mqtt5) {
            finish();
        }
    }
}
