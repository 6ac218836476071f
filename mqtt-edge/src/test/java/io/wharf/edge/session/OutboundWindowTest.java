package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.message.LogPartition;
import io.wharf.edge.message.LogPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QoS 1 and 2 messages in flight to one client. */
class OutboundWindowTest {

    private static final LogPartition P0 = new LogPartition("log", 0);
    private static final LogPartition P1 = new LogPartition("log", 1);

    @Test
    void packetIdsStartAtOneAndCountUp() {
        OutboundWindow window = new OutboundWindow(10);

        assertThat(window.nextPacketId()).isEqualTo(1);
        assertThat(window.nextPacketId()).isEqualTo(2);
    }

    @Test
    void packetIdsWrapAfter65535ToOneAndAreNeverZero() {
        // [MQTT-2.2.1-4]: a non-zero packet id
        OutboundWindow window = new OutboundWindow(10);
        for (int i = 1; i < 65_535; i++) {
            window.nextPacketId();
        }

        assertThat(window.nextPacketId()).isEqualTo(65_535);
        assertThat(window.nextPacketId()).isEqualTo(1);
    }

    @Test
    void aPacketIdStillInFlightIsNotGivenAgain() {
        // [MQTT-2.2.1-4]: a packet id that is currently unused
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN); // restored with a resumed session
        window.put(inFlight(2, P0, 1), InFlightSource.OWN);

        assertThat(window.nextPacketId()).isEqualTo(3);
    }

    @Test
    void aPacketIdStillInFlightAfterTheIdsWrapIsSkipped() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(window.nextPacketId(), P0, 0), InFlightSource.OWN); // 1 stays in flight
        window.put(inFlight(window.nextPacketId(), P0, 1), InFlightSource.OWN); // 2 stays in flight
        for (int i = 3; i <= 65_535; i++) {
            window.nextPacketId();
        }

        assertThat(window.nextPacketId()).isEqualTo(3);
    }

    @Test
    void anAcknowledgedPacketIdIsNotReusedAtOnce() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(window.nextPacketId(), P0, 0), InFlightSource.OWN);
        window.remove(1);

        assertThat(window.nextPacketId()).isEqualTo(2);
    }

    @Test
    void theWindowHasRoomForReceiveMaximumMessagesOnly() {
        // [MQTT-3.3.4-9]
        OutboundWindow window = new OutboundWindow(2);
        assertThat(window.hasRoom()).isTrue();
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);
        window.put(inFlight(2, P0, 1), InFlightSource.OWN);

        assertThat(window.hasRoom()).isFalse();
        assertThat(window.size()).isEqualTo(2);
    }

    @Test
    void anAcknowledgementMakesRoom() {
        OutboundWindow window = new OutboundWindow(1);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);

        assertThat(window.remove(1)).isEqualTo(inFlight(1, P0, 0));
        assertThat(window.hasRoom()).isTrue();
        assertThat(window.get(1)).isNull();
    }

    @Test
    void anAcknowledgementForAnIdNotInFlightChangesNothing() {
        OutboundWindow window = new OutboundWindow(2);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);

        assertThat(window.remove(7)).isNull();
        assertThat(window.size()).isEqualTo(1);
    }

    @Test
    void aSmallerCapacityLeavesNoRoomUntilEnoughAreAcknowledged() {
        OutboundWindow window = new OutboundWindow(3);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);
        window.put(inFlight(2, P0, 1), InFlightSource.OWN);

        window.capacity(1);
        assertThat(window.hasRoom()).isFalse();
        window.remove(1);
        assertThat(window.hasRoom()).isFalse();
        window.remove(2);
        assertThat(window.hasRoom()).isTrue();
    }

    @Test
    void aLargerCapacityMakesRoom() {
        OutboundWindow window = new OutboundWindow(1);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);

        window.capacity(2);

        assertThat(window.hasRoom()).isTrue();
    }

    @Test
    void entriesComeInTheOrderTheyWereSentSoTheyAreResentInIt() {
        // [MQTT-4.4.0-1]: re-sent with their original packet ids; section 4.6: in the original order
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(9, P0, 5), InFlightSource.OWN);
        window.put(inFlight(3, P1, 2), InFlightSource.OWN);
        window.put(inFlight(5, P0, 6), InFlightSource.OWN);

        assertThat(window.entries()).extracting(InFlight::packetId).containsExactly(9, 3, 5);
    }

    @Test
    void aReleasedEntryKeepsItsPlaceInTheSendOrder() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);
        window.put(inFlight(2, P0, 1), InFlightSource.OWN);

        window.replace(window.get(1).asReleased());

        assertThat(window.entries()).extracting(InFlight::packetId).containsExactly(1, 2);
        assertThat(window.get(1).released()).isTrue();
    }

    @Test
    void replacingAnEntryAcknowledgedMeanwhileDoesNotBringItBack() {
        // e.g. a message read again for a re-send after the client acknowledged it
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P0, 0), InFlightSource.OWN);
        window.remove(1);

        window.replace(inFlight(1, P0, 0).asReleased());

        assertThat(window.get(1)).isNull();
        assertThat(window.size()).isZero();
    }

    @Test
    void theLowestOffsetInFlightIsPerPartition() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P0, 7), InFlightSource.OWN);
        window.put(inFlight(2, P0, 4), InFlightSource.OWN);
        window.put(inFlight(3, P1, 1), InFlightSource.OWN);

        assertThat(window.lowestOffset(P0)).isEqualTo(4);
        assertThat(window.lowestOffset(P1)).isEqualTo(1);
    }

    @Test
    void theLowestOffsetMovesUpWhenItIsAcknowledged() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P0, 4), InFlightSource.OWN);
        window.put(inFlight(2, P0, 7), InFlightSource.OWN);

        window.remove(1);

        assertThat(window.lowestOffset(P0)).isEqualTo(7);
    }

    @Test
    void aPartitionWithNothingInFlightHasNoLowestOffset() {
        OutboundWindow window = new OutboundWindow(10);
        window.put(inFlight(1, P1, 4), InFlightSource.OWN);

        assertThat(window.lowestOffset(P0)).isEqualTo(Long.MAX_VALUE);
    }

    private static InFlight inFlight(int packetId, LogPartition partition, long offset) {
        return new InFlight(
                packetId,
                new LogPosition(partition.logTopic(), partition.partition(), offset),
                1,
                false,
                List.of(),
                null,
                false);
    }
}
