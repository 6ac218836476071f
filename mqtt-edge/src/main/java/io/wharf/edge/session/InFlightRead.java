package io.wharf.edge.session;

import io.wharf.edge.log.ReadBatch;

/**
 * What a read of the log says about the record of a message in flight to the client, which a
 * resumed session reads again to re-send it. Only a read that got past the record, or one whose
 * records retention deleted, shows that it is gone; an empty read may just have come too soon (a
 * slow broker, a transaction still open before it), and the message stays in flight.
 */
enum InFlightRead {
    FOUND,
    GONE,
    NOT_YET;

    static InFlightRead of(ReadBatch batch, long offset) {
        if (!batch.messages().isEmpty() && batch.messages().get(0).position().offset() == offset) {
            return FOUND;
        }
        if (batch.lostRecords() > 0 || batch.nextOffset() > offset) {
            return GONE;
        }
        return NOT_YET;
    }
}
