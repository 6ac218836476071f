package io.wharf.edge.log;

import io.wharf.edge.message.LoggedMessage;
import java.util.List;

/**
 * What one read of a partition returned.
 *
 * @param messages the MQTT messages read, in offset order (records that are not MQTT messages are
 *     left out)
 * @param nextOffset the offset after the last record read, skipped ones included
 * @param endOffset the partition's end offset when the read was made
 * @param lostRecords how many of the requested records the log had already deleted (retention)
 */
public record ReadBatch(List<LoggedMessage> messages, long nextOffset, long endOffset, long lostRecords) {

    /** True when the read reached the end of the partition as it was. */
    public boolean reachedEnd() {
        return nextOffset >= endOffset;
    }
}
