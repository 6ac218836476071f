package io.wharf.edge.kafka.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.session.ClaimsBusyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClaimAdmissionTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<CompletableFuture<Long>> written = new ArrayList<>();
    private final ClaimAdmission admission = new ClaimAdmission(2, Duration.ofSeconds(5), nanos::get);

    private CompletableFuture<Long> claim() {
        return admission.admit(() -> {
            CompletableFuture<Long> write = new CompletableFuture<>();
            written.add(write);
            return write;
        });
    }

    @Test
    void claimsBeyondTheLimitWaitUntilAnEarlierOneIsStored() {
        CompletableFuture<Long> first = claim();
        claim();
        CompletableFuture<Long> third = claim();
        assertThat(written).hasSize(2);

        written.get(0).complete(7L);

        assertThat(first).isCompletedWithValue(7L);
        assertThat(written).hasSize(3);
        written.get(2).complete(9L);
        assertThat(third).isCompletedWithValue(9L);
    }

    @Test
    void aFailedClaimFreesItsPlaceToo() {
        claim();
        claim();
        claim();
        written.get(1).completeExceptionally(new IllegalStateException("Kafka refused"));
        assertThat(written).hasSize(3);
    }

    @Test
    void aClaimThatWaitedOutItsTimeIsRefusedBusyWithoutBeingWritten() {
        claim();
        claim();
        CompletableFuture<Long> waiting = claim();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        CompletableFuture<Long> later = claim();

        written.get(0).complete(1L);

        assertThat(waiting).isCompletedExceptionally();
        assertThat(waiting.handle((value, error) -> error).join())
                .isInstanceOf(ClaimsBusyException.class)
                .hasMessageContaining("2 claims");
        assertThat(written).hasSize(3); // the later claim took the free place, the expired one was never written
        written.get(2).complete(3L);
        assertThat(later).isCompletedWithValue(3L);
    }

    @Test
    void aWithdrawnClaimIsNeverWritten() {
        claim();
        claim();
        CompletableFuture<Long> withdrawn = claim();
        assertThat(admission.withdraw(withdrawn)).isTrue();
        written.get(0).complete(1L);
        written.get(1).complete(2L);
        assertThat(written).hasSize(2);
        assertThat(withdrawn).isCompletedExceptionally();
        assertThat(admission.withdraw(claim())).isFalse(); // started at once: too late to withdraw
    }

    @Test
    void aClaimThatThrowsWhileStartingFailsAloneAndFreesItsPlace() {
        CompletableFuture<Long> broken = admission.admit(() -> {
            throw new IllegalStateException("no producer");
        });
        assertThat(broken.handle((value, error) -> error).join())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no producer");
        claim();
        claim();
        assertThat(written).hasSize(2);
    }
}
