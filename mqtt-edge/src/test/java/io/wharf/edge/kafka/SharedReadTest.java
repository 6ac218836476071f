package io.wharf.edge.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** One read of a partition answers every session waiting for it, each with its own part. */
class SharedReadTest {

    @Test
    void theReadStartsAtTheEarliestOffsetAskedAndReachesTheFurthest() {
        List<SharedRead.Asked> asked = List.of(asked(100, 50), asked(120, 50), asked(100, 10));

        assertThat(SharedRead.from(asked)).isEqualTo(100);
        assertThat(SharedRead.until(asked, 1_000)).isEqualTo(170);
        assertThat(SharedRead.until(asked, 150)).as("never past the end").isEqualTo(150);
    }

    @Test
    void oneReadCoversAtMostABoundedRange() {
        List<SharedRead.Asked> asked = List.of(asked(0, 500), asked(1_000_000, 500));

        assertThat(SharedRead.until(asked, 2_000_000)).isEqualTo(SharedRead.MAX_OFFSETS);
        assertThat(SharedRead.covers(1_000_000, 0, SharedRead.MAX_OFFSETS, 2_000_000))
                .as("the far request waits for a read of its own")
                .isFalse();
        assertThat(SharedRead.covers(0, 0, 0, 2_000_000))
                .as("the request the read started from is answered even when the read got nowhere")
                .isTrue();
    }

    @Test
    void eachSessionGetsTheMessagesFromItsOwnOffsetUpToItsOwnMaximum() {
        List<LoggedMessage> read = messages(100, 110); // offsets 100..109, read up to 110

        ReadBatch early = SharedRead.batchFor(asked(100, 3), read, 110, 200, -1);
        assertThat(offsets(early)).containsExactly(100L, 101L, 102L);
        assertThat(early.nextOffset()).as("goes on after its last message").isEqualTo(103);

        ReadBatch later = SharedRead.batchFor(asked(105, 50), read, 110, 200, -1);
        assertThat(offsets(later)).containsExactly(105L, 106L, 107L, 108L, 109L);
        assertThat(later.nextOffset()).as("goes on after the read").isEqualTo(110);
        assertThat(later.endOffset()).isEqualTo(200);
    }

    @Test
    void aSessionAtTheEndGetsNothingAndLosesNothing() {
        ReadBatch atEnd = SharedRead.batchFor(asked(200, 10), messages(100, 110), 110, 200, -1);

        assertThat(atEnd.messages()).isEmpty();
        assertThat(atEnd.nextOffset()).isEqualTo(200);
        assertThat(atEnd.lostRecords()).isZero();
    }

    @Test
    void whatRetentionDeletedCountsAsLostForEachSessionThatAskedForIt() {
        List<LoggedMessage> read = messages(150, 160); // the log starts at 150 now

        assertThat(SharedRead.batchFor(asked(100, 10), read, 160, 160, 150).lostRecords())
                .isEqualTo(50);
        assertThat(SharedRead.batchFor(asked(155, 10), read, 160, 160, 150).lostRecords())
                .isZero();
    }

    private static SharedRead.Asked asked(long from, int max) {
        return new SharedRead.Asked(from, max);
    }

    private static List<LoggedMessage> messages(long from, long until) {
        return LongStream.range(from, until)
                .mapToObj(offset -> new LoggedMessage(
                        new ApplicationMessage("t", new byte[0], 1, false, null, 0, ApplicationMessage.Properties.NONE),
                        new LogPosition("mqtt.messages", 0, offset)))
                .toList();
    }

    private static List<Long> offsets(ReadBatch batch) {
        return batch.messages().stream()
                .map(message -> message.position().offset())
                .toList();
    }
}
