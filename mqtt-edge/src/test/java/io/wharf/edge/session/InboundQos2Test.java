package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which received QoS 2 packet ids a stored session state carries. */
class InboundQos2Test {

    @Test
    void anIdStillStoringIsNotCarried() {
        InboundQos2 received = new InboundQos2();
        received.begin(7);

        assertThat(received.storedIds()).isEmpty();
        assertThat(received.allIds()).containsExactly(7);
    }

    @Test
    void anIdACommittedStateRecordsIsCarriedBeforeItsPubrecGoesOut() {
        InboundQos2 received = new InboundQos2();
        received.begin(7);
        received.begin(8);

        received.recorded(Set.of(7));

        assertThat(received.storedIds()).containsExactly(7);
    }

    @Test
    void aReleasedOrFailedIdIsNoLongerCarried() {
        InboundQos2 received = new InboundQos2();
        received.begin(7);
        received.begin(8);
        received.recorded(Set.of(7, 8));

        received.release(7);
        received.failed(8);

        assertThat(received.storedIds()).isEmpty();
    }

    @Test
    void anIdRecordedAfterItsReleaseIsNotCarriedAgain() {
        InboundQos2 received = new InboundQos2();
        received.begin(7);
        received.stored(7);
        received.release(7);

        received.recorded(Set.of(7));

        assertThat(received.storedIds()).isEmpty();
    }
}
