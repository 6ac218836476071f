package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * The client's QoS 1 and 2 messages not acknowledged yet, against the edge's Receive Maximum. An
 * MQTT 5 client knows that maximum, so going over it is its error; an older client cannot know it,
 * so the edge stops reading from it until acknowledgements catch up. Chosen once per connection,
 * at CONNECT; used on the channel's event loop only.
 */
abstract sealed class InboundWindow {

    protected final int receiveMaximum;
    protected int unacknowledged;

    private InboundWindow(int receiveMaximum) {
        this.receiveMaximum = receiveMaximum;
    }

    static InboundWindow of(Channel channel, MqttVersion version, int receiveMaximum) {
        return of(new ReadPauses(channel), version, receiveMaximum);
    }

    static InboundWindow of(ReadPauses pauses, MqttVersion version, int receiveMaximum) {
        return version == MqttVersion.MQTT_5
                ? new ReceiveMaximum(receiveMaximum)
                : new PausedReading(pauses, receiveMaximum);
    }

    /**
     * Counts a QoS 1 or 2 message from the client until it is acknowledged.
     *
     * @return false when an MQTT 5 client sent more than the Receive Maximum
     */
    abstract boolean start();

    void finish() {
        unacknowledged = Math.max(0, unacknowledged - 1);
    }

    /** A QoS 2 message from the client is in the log and answered with PUBREC. */
    abstract void qos2Stored();

    /** PUBREL completed a QoS 2 message from the client. */
    abstract void qos2Released();

    /** MQTT 5: the client keeps within the maximum the CONNACK told it (section 4.9). */
    private static final class ReceiveMaximum extends InboundWindow {

        ReceiveMaximum(int receiveMaximum) {
            super(receiveMaximum);
        }

        @Override
        boolean start() {
            unacknowledged++;
            return unacknowledged <= receiveMaximum;
        }

        @Override
        void qos2Stored() {
            // counts on until PUBCOMP, as the client's send quota does (section 4.9)
        }

        @Override
        void qos2Released() {
            finish();
        }
    }

    /**
     * MQTT 3.1.1 and 3.1: the edge stops reading at the maximum. A QoS 2 message stops counting at
     * PUBREC, since its PUBREL must still be read.
     */
    private static final class PausedReading extends InboundWindow {

        private final ReadPauses pauses;

        PausedReading(ReadPauses pauses, int receiveMaximum) {
            super(receiveMaximum);
            this.pauses = pauses;
        }

        @Override
        boolean start() {
            unacknowledged++;
            if (unacknowledged >= receiveMaximum) {
                pauses.pause(ReadPauses.Reason.RECEIVE_MAXIMUM);
            }
            return true;
        }

        @Override
        void finish() {
            super.finish();
            if (unacknowledged < receiveMaximum) {
                pauses.resume(ReadPauses.Reason.RECEIVE_MAXIMUM);
            }
        }

        @Override
        void qos2Stored() {
            finish();
        }

        @Override
        void qos2Released() {
            // already stopped counting at PUBREC
        }
    }
}
