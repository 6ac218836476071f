package io.wharf.router.analytics;

import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicFilter;
import io.wharf.schemas.topic.TopicNames;
import java.util.ArrayList;
import java.util.List;

/** Tells which of the configured filters a message's topic matches, each at most once. */
final class FilterMatcher {

    private final SubscriptionTrie<String, Boolean> trie = new SubscriptionTrie<>();

    FilterMatcher(List<TopicFilter> filters) {
        for (TopicFilter filter : filters) {
            trie.add(filter, filter.text(), Boolean.TRUE);
        }
    }

    /** The texts of the matching filters; none for a key that is not a valid topic name. */
    List<String> matches(String topic) {
        List<String> matched = new ArrayList<>(1);
        if (topic != null && TopicNames.isValidName(topic)) {
            trie.match(topic, (filter, unused) -> matched.add(filter));
        }
        return matched;
    }
}
