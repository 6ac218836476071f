package io.wharf.edge.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a stored session ends: its expiry interval counts from the moment its client disconnected. */
class SessionExpiryTest {

    private static final long DISCONNECTED_AT =
            Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

    @Test
    void aSessionExpiresWhenItsIntervalHasPassedSinceTheDisconnect() {
        SessionSnapshot stored = stored(60, DISCONNECTED_AT);

        assertThat(SessionExpiry.hasExpired(stored, DISCONNECTED_AT + 59_999)).isFalse();
        assertThat(SessionExpiry.hasExpired(stored, DISCONNECTED_AT + 60_000)).isTrue();
    }

    @Test
    void aSessionWithIntervalZeroEndsWithItsConnection() {
        assertThat(SessionExpiry.hasExpired(stored(0, DISCONNECTED_AT), DISCONNECTED_AT))
                .isTrue();
    }

    @Test
    void aSessionStillConnectedAsFarAsTheStoreKnowsNeverExpires() {
        assertThat(SessionExpiry.hasExpired(stored(0, 0), DISCONNECTED_AT)).isFalse();
    }

    @Test
    void theLongestIntervalDoesNotOverflowIntoThePast() {
        SessionSnapshot stored = stored(0xFFFF_FFFFL, DISCONNECTED_AT); // MQTT 5: "never expires"

        assertThat(SessionExpiry.hasExpired(stored, DISCONNECTED_AT + 100L * 365 * 24 * 3600 * 1000))
                .isFalse();
    }

    private static SessionSnapshot stored(long expiryIntervalSeconds, long savedAtMs) {
        return new SessionSnapshot(
                "c", expiryIntervalSeconds, Map.of(), Map.of(), List.of(), Set.of(), savedAtMs, null);
    }
}
