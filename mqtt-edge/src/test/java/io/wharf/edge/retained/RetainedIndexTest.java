package io.wharf.edge.retained;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.edge.message.LogPosition;
import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.message.ApplicationMessage;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.testing.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a new subscription finds among the retained messages. */
class RetainedIndexTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(START);
    private final RetainedIndex index = new RetainedIndex(clock);

    @Test
    void aRetainedMessageIsNotSentOnceItsExpiryIntervalHasPassed() {
        // MQTT-3.3.2-5: a message whose Message Expiry Interval has passed is not delivered
        index.apply("sensors/1", retained("sensors/1", 60L), 1);
        index.apply("sensors/2", retained("sensors/2", null), 2);

        clock.advance(Duration.ofSeconds(59));
        assertThat(topics("sensors/+")).containsExactlyInAnyOrder("sensors/1", "sensors/2");

        clock.advance(Duration.ofSeconds(1));
        assertThat(topics("sensors/+")).containsExactly("sensors/2");
    }

    @Test
    void anOlderChangeArrivingLateDoesNotReplaceANewerOne() {
        index.apply("a/b", retained("a/b", null), 5);
        index.apply("a/b", null, 3);

        assertThat(topics("a/#")).containsExactly("a/b");
        assertThat(index.size()).isOne();
    }

    @Test
    void wildcardsDoNotMatchDollarTopicsAtTheFirstLevel() {
        // MQTT-4.7.2-1: filters starting with a wildcard do not match topics starting with $
        index.apply("$SYS/uptime", retained("$SYS/uptime", null), 1);
        index.apply("x/uptime", retained("x/uptime", null), 2);

        assertThat(topics("#")).containsExactly("x/uptime");
        assertThat(topics("+/uptime")).containsExactly("x/uptime");
        assertThat(topics("$SYS/#")).containsExactly("$SYS/uptime");
    }

    private List<String> topics(String filter) {
        return index.matching(TopicFilter.parse(filter)).stream()
                .map(found -> found.message().topic())
                .toList();
    }

    private static LoggedMessage retained(String topic, Long expirySeconds) {
        ApplicationMessage.Properties properties =
                new ApplicationMessage.Properties(null, expirySeconds, null, null, null, List.of());
        ApplicationMessage message = new ApplicationMessage(
                topic, "v".getBytes(StandardCharsets.UTF_8), 1, true, "publisher", START.toEpochMilli(), properties);
        return new LoggedMessage(message, new LogPosition("retained", 0, 0));
    }
}
