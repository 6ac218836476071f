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

    @Test
    void aResentPublishIsRecognisedWhileItsIdIsStoringAndOnceItIsStored() {
        InboundQos2 received = new InboundQos2();

        assertThat(received.begin(7)).isNull();
        assertThat(received.begin(7)).isEqualTo(InboundQos2.State.STORING);
        received.stored(7);
        assertThat(received.begin(7)).isEqualTo(InboundQos2.State.STORED);
    }

    @Test
    void aPublishWhoseStoringFailedIsStoredAfreshWhenTheClientSendsItAgain() {
        InboundQos2 received = new InboundQos2();
        received.begin(7);

        received.failed(7);

        assertThat(received.begin(7)).isNull();
    }

    @Test
    void aResumedSessionRecognisesTheIdsItCarriedAndReleasesEachOnce() {
        InboundQos2 received = new InboundQos2();
        received.restore(Set.of(3, 4));

        assertThat(received.begin(3)).isEqualTo(InboundQos2.State.STORED);
        assertThat(received.storedIds()).containsExactly(3, 4);
        assertThat(received.release(3)).isTrue();
        assertThat(received.release(3)).isFalse();
        assertThat(received.storedIds()).containsExactly(4);
    }

    @Test
    void aPubrelForAnIdNeverReceivedIsUnknown() {
        InboundQos2 received = new InboundQos2();

        assertThat(received.release(5)).isFalse();
        assertThat(received.begin(5)).isNull();
    }
}
