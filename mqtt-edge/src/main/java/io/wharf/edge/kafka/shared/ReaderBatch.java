package io.wharf.edge.kafka.shared;

import io.wharf.edge.message.LoggedMessage;
import io.wharf.edge.shared.SharedDelivery;
import io.wharf.edge.shared.SharedMember;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll while a group reader hands them out: each is offered to a member, parked
 * while no member can take it, and settled once accepted or given back to the group. The next poll
 * waits until all are settled. Used on the reader's thread only.
 */
final class ReaderBatch {

    /** One record of the batch and where it stands. */
    static final class Pending {
        final ConsumerRecord<byte[], byte[]> record;
        final LoggedMessage message;
        /** Members that could not take it, so that it is not offered to them again while they are full. */
        final Set<SharedMember> refusedBy = new HashSet<>();

        SharedMember holder;
        SharedDelivery delivery;
        boolean settled;

        Pending(ConsumerRecord<byte[], byte[]> record, LoggedMessage message) {
            this.record = record;
            this.message = message;
        }

        boolean isParked() {
            return !settled && holder == null;
        }

        /** True while {@code delivery} is the record's current offer, so that its outcome counts. */
        boolean isCurrent(SharedDelivery delivery) {
            return !settled && this.delivery == delivery;
        }

        void offered(SharedMember member, SharedDelivery offer) {
            holder = member;
            delivery = offer;
        }

        void park() {
            holder = null;
            delivery = null;
        }
    }

    private final List<Pending> records = new ArrayList<>();
    private long deadlineNanos;
    private int unsettled;

    ReaderBatch(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    Pending add(ConsumerRecord<byte[], byte[]> record, LoggedMessage message) {
        Pending pending = new Pending(record, message);
        records.add(pending);
        unsettled++;
        return pending;
    }

    void settle(Pending pending) {
        if (!pending.settled) {
            pending.settled = true;
            pending.park();
            unsettled--;
        }
    }

    boolean isSettled() {
        return unsettled == 0;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    void extendTo(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    List<Pending> unsettled() {
        return records.stream().filter(pending -> !pending.settled).toList();
    }

    /** Per partition, the offset below which every record of the batch is settled. */
    Map<TopicPartition, Long> settledUpTo() {
        Map<TopicPartition, Long> upTo = new LinkedHashMap<>();
        Set<TopicPartition> stopped = new HashSet<>();
        for (Pending pending : records) {
            TopicPartition partition = new TopicPartition(pending.record.topic(), pending.record.partition());
            if (stopped.contains(partition)) {
                continue;
            }
            if (pending.settled) {
                upTo.put(partition, pending.record.offset() + 1);
            } else {
                stopped.add(partition);
                upTo.putIfAbsent(partition, pending.record.offset());
            }
        }
        return upTo;
    }
}
