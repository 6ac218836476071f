package io.wharf.edge.admin;

import java.util.Comparator;
import java.util.List;

/**
 * How many items a listing returns, from {@code ?limit=}: {@value #DEFAULT} unless asked, never more
 * than {@value #MAX}, so that one request cannot make an edge build an answer of every client.
 */
public record Limit(int value) {

    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    /** @throws BadRequestException for no number, or one outside 1 to {@value #MAX} */
    public static Limit parse(String text) {
        if (text == null || text.isEmpty()) {
            return new Limit(DEFAULT);
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit must be a number from 1 to " + MAX + ", not '" + text + "'");
        }
        if (value < 1 || value > MAX) {
            throw new BadRequestException("limit must be from 1 to " + MAX + ", not " + value);
        }
        return new Limit(value);
    }

    /** The first {@link #value} items in {@code order}, and whether any were left out. */
    public <T> Listing<T> cut(List<T> items, Comparator<T> order) {
        List<T> sorted = items.stream().sorted(order).toList();
        boolean truncated = sorted.size() > value;
        return new Listing<>(truncated ? sorted.subList(0, value) : sorted, truncated, List.of());
    }
}
