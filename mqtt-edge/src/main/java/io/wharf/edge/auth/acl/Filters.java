package io.wharf.edge.auth.acl;

import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Set arithmetic on topic filters, each taken as the set of topics it matches (with MQTT's rule that
 * a filter starting with a wildcard matches no topic starting with {@code $}, section 4.7.2).
 */
final class Filters {

    private static final String PLUS = TopicFilter.SINGLE_LEVEL;
    private static final String HASH = TopicFilter.MULTI_LEVEL;

    private Filters() {}

    /** Whether every topic {@code inner} matches, {@code outer} matches too. */
    static boolean covers(TopicFilter outer, TopicFilter inner) {
        List<String> a = outer.levels();
        List<String> b = inner.levels();
        for (int i = 0; i < b.size(); i++) {
            if (i >= a.size()) {
                return false;
            }
            String mine = a.get(i);
            String theirs = b.get(i);
            boolean dollar = i == 0 && theirs.startsWith("$");
            if (mine.equals(HASH)) {
                return !dollar;
            }
            if (theirs.equals(HASH)) {
                return false;
            }
            if (mine.equals(PLUS)) {
                if (dollar) {
                    return false;
                }
            } else if (!mine.equals(theirs)) {
                return false;
            }
        }
        // "x/#" also matches "x"
        return a.size() == b.size()
                || a.size() == b.size() + 1 && a.get(b.size()).equals(HASH);
    }

    /** The topics both filters match, as a filter; empty when they share none. */
    static Optional<TopicFilter> intersection(TopicFilter first, TopicFilter second) {
        if (!first.overlaps(second)) {
            return Optional.empty();
        }
        List<String> a = first.levels();
        List<String> b = second.levels();
        List<String> levels = new ArrayList<>();
        int i = 0;
        for (; i < a.size() && i < b.size(); i++) {
            String mine = a.get(i);
            String theirs = b.get(i);
            if (mine.equals(HASH)) {
                levels.addAll(b.subList(i, b.size()));
                return Optional.of(of(levels));
            }
            if (theirs.equals(HASH)) {
                levels.addAll(a.subList(i, a.size()));
                return Optional.of(of(levels));
            }
            levels.add(mine.equals(PLUS) ? theirs : mine);
        }
        return Optional.of(of(levels)); // the longer one ends in '#', which also matches its parent
    }

    private static TopicFilter of(List<String> levels) {
        return TopicFilter.parse(String.join("/", levels));
    }
}
