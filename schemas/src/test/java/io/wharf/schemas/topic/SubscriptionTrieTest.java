package io.wharf.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Topic matching as MQTT 3.1.1 and 5.0 section 4.7 define it. */
class SubscriptionTrieTest {

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
        "sport/tennis/player1, sport/tennis/player1, true",
        "sport/tennis/player1/#, sport/tennis/player1, true",
        "sport/tennis/player1/#, sport/tennis/player1/ranking, true",
        "sport/tennis/player1/#, sport/tennis/player1/score/wimbledon, true",
        "sport/#, sport, true",
        "#, sport/tennis, true",
        "sport/tennis/+, sport/tennis/player1, true",
        "sport/tennis/+, sport/tennis/player1/tournament, false",
        "sport/+, sport, false",
        "sport/+, sport/, true",
        "+/+, /finance, true",
        "/+, /finance, true",
        "+, /finance, false",
        "+/tennis/#, sport/tennis, true",
        "#, $SYS/broker, false",
        "+/monitor/Clients, $SYS/monitor/Clients, false",
        "$SYS/#, $SYS/monitor/Clients, true",
        "$SYS/monitor/+, $SYS/monitor/Clients, true",
        "Sport, sport, false",
    })
    void matchesAsTheSpecificationSays(String filter, String topic, boolean matches) {
        SubscriptionTrie<String, String> trie = new SubscriptionTrie<>();
        trie.add(TopicFilter.parse(filter), "client", filter);

        assertThat(match(trie, topic)).hasSize(matches ? 1 : 0);
    }

    @Test
    void everyMatchingSubscriptionIsVisitedOnce() {
        SubscriptionTrie<String, String> trie = new SubscriptionTrie<>();
        trie.add(TopicFilter.parse("a/b"), "one", "a/b");
        trie.add(TopicFilter.parse("a/+"), "one", "a/+");
        trie.add(TopicFilter.parse("#"), "two", "#");
        trie.add(TopicFilter.parse("a/c"), "three", "a/c");

        assertThat(match(trie, "a/b")).containsExactlyInAnyOrder("one:a/b", "one:a/+", "two:#");
    }

    @Test
    void aRemovedSubscriptionNoLongerMatches() {
        SubscriptionTrie<String, String> trie = new SubscriptionTrie<>();
        trie.add(TopicFilter.parse("a/+/c"), "one", "x");
        trie.add(TopicFilter.parse("a/+/c"), "two", "y");

        assertThat(trie.remove(TopicFilter.parse("a/+/c"), "one")).isTrue();
        assertThat(trie.remove(TopicFilter.parse("a/+/c"), "one")).isFalse();
        assertThat(match(trie, "a/b/c")).containsExactly("two:y");
    }

    private static List<String> match(SubscriptionTrie<String, String> trie, String topic) {
        List<String> matched = new ArrayList<>();
        trie.match(topic, (subscriber, options) -> matched.add(subscriber + ":" + options));
        return matched;
    }

    @ParameterizedTest(name = "levels of \"{0}\"")
    @ValueSource(strings = {"", "/", "a", "a/b/c", "/a", "a/", "a//b", "//", "$SYS/x", "+/#"})
    void levelsAreThoseOfASplitAtEverySlashEmptyLevelsIncluded(String topic) {
        assertThat(SubscriptionTrie.levels(topic)).containsExactly(topic.split("/", -1));
    }

    @Test
    void itsSizeCountsEachSubscriberOfEachFilterOnce() {
        SubscriptionTrie<String, String> trie = new SubscriptionTrie<>();
        trie.add(TopicFilter.parse("a/#"), "s1", "qos0");
        trie.add(TopicFilter.parse("a/#"), "s1", "qos1");
        trie.add(TopicFilter.parse("a/#"), "s2", "qos0");
        trie.add(TopicFilter.parse("b"), "s1", "qos0");

        trie.remove(TopicFilter.parse("b"), "s1");
        trie.remove(TopicFilter.parse("b"), "s1");

        assertThat(trie.size()).isEqualTo(2);
    }
}
