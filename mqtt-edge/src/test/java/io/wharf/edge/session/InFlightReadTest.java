package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.log.ReadBatch;
import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether a read of the log shows that an in-flight message is gone, or only came back empty. */
class InFlightReadTest {

    @Test
    void theRecordReadBackIsFound() {
        assertThat(InFlightRead.of(new ReadBatch(List.of(at(5)), 6, 10, 0), 5)).isEqualTo(InFlightRead.FOUND);
    }

    @Test
    void anEmptyReadThatDidNotGetPastTheRecordIsNoProofItIsGone() {
        assertThat(InFlightRead.of(new ReadBatch(List.of(), 5, 10, 0), 5)).isEqualTo(InFlightRead.NOT_YET);
        // At or past the end the reader saw, as when a transaction is still open before the record.
        assertThat(InFlightRead.of(new ReadBatch(List.of(), 5, 3, 0), 5)).isEqualTo(InFlightRead.NOT_YET);
    }

    @Test
    void aReadPastTheRecordOrOfDeletedRecordsShowsItIsGone() {
        assertThat(InFlightRead.of(new ReadBatch(List.of(at(7)), 8, 10, 0), 5)).isEqualTo(InFlightRead.GONE);
        assertThat(InFlightRead.of(new ReadBatch(List.of(), 9, 10, 0), 5)).isEqualTo(InFlightRead.GONE);
        assertThat(InFlightRead.of(new ReadBatch(List.of(), 5, 10, 3), 5)).isEqualTo(InFlightRead.GONE);
    }

    private static LoggedMessage at(long offset) {
        return new LoggedMessage(
                new ApplicationMessage("t", new byte[0], 1, false, "c", 0, null),
                new LogPosition("mqtt.messages", 0, offset));
    }
}
