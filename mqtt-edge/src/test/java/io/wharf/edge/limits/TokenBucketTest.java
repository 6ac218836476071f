package io.wharf.edge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void oneSecondsWorthIsTakenAtOnceAndMoreRunsIntoDebt() {
        TokenBucket bucket = new TokenBucket(10, 0);

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take(1, 0)).isZero();
        }
        assertThat(bucket.take(1, 0))
                .as("one over at 10/s takes 0.1 s to pay off")
                .isEqualTo(SECOND / 10);
    }

    @Test
    void theDebtIsPaidOffAsTimePasses() {
        TokenBucket bucket = new TokenBucket(10, 0);
        bucket.take(15, 0);

        assertThat(bucket.debtNanos(0)).isEqualTo(SECOND / 2);
        assertThat(bucket.debtNanos(SECOND / 4)).isEqualTo(SECOND / 4);
        assertThat(bucket.debtNanos(SECOND / 2)).isZero();
    }

    @Test
    void itRefillsNoFurtherThanOneSecondsWorth() {
        TokenBucket bucket = new TokenBucket(10, 0);

        assertThat(bucket.take(10, 60 * SECOND)).isZero();
        assertThat(bucket.take(1, 60 * SECOND)).isPositive();
    }

    @Test
    void tryTakeOneTakesNothingWhenEmpty() {
        TokenBucket bucket = new TokenBucket(2, 0);

        assertThat(bucket.tryTakeOne(0)).isTrue();
        assertThat(bucket.tryTakeOne(0)).isTrue();
        assertThat(bucket.tryTakeOne(0)).isFalse();
        assertThat(bucket.debtNanos(0)).as("a refusal costs nothing").isZero();
        assertThat(bucket.tryTakeOne(SECOND / 2)).isTrue();
    }
}
