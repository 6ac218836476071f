package io.wharf.edge.admin;

import io.wharf.schemas.analytics.FilterWindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The message rates per topic filter that the router's analytics wrote, as far as they were read:
 * the newest {@value #WINDOWS_KEPT} windows of each filter. The router writes each window once, when
 * it closes, so a filter's newest window may lie some way back when its messages have stopped.
 */
public final class TopicRates {

    /** Windows kept per filter, for the dashboard's chart. */
    public static final int WINDOWS_KEPT = 30;

    private final Map<String, TreeMap<Instant, FilterWindowStats>> byFilter = new HashMap<>();

    /** Takes one analytics record; a window written again replaces what was known of it. */
    public synchronized void add(FilterWindowStats window) {
        if (window == null || window.filter() == null || window.windowStart() == null || window.windowEnd() == null) {
            return;
        }
        TreeMap<Instant, FilterWindowStats> windows =
                byFilter.computeIfAbsent(window.filter(), filter -> new TreeMap<>());
        windows.put(window.windowStart(), window);
        while (windows.size() > WINDOWS_KEPT) {
            windows.pollFirstEntry();
        }
    }

    /** Every filter's rates, by filter. */
    public synchronized List<TopicRateView> all() {
        List<TopicRateView> views = new ArrayList<>();
        byFilter.forEach((filter, windows) -> views.add(view(filter, List.copyOf(windows.values()))));
        views.sort(Comparator.comparing(TopicRateView::filter));
        return views;
    }

    private static TopicRateView view(String filter, List<FilterWindowStats> windows) {
        FilterWindowStats newest = windows.get(windows.size() - 1);
        double seconds = seconds(newest);
        return new TopicRateView(
                filter,
                newest.windowStart(),
                newest.windowEnd(),
                newest.count(),
                newest.bytes(),
                newest.count() / seconds,
                newest.bytes() / seconds,
                windows.stream()
                        .map(window ->
                                new TopicRateView.WindowRate(window.windowStart(), window.count() / seconds(window)))
                        .toList());
    }

    private static double seconds(FilterWindowStats window) {
        long millis = Duration.between(window.windowStart(), window.windowEnd()).toMillis();
        return Math.max(1, millis) / 1000.0;
    }
}
