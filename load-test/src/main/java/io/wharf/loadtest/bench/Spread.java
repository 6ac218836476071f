package io.wharf.loadtest.bench;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One figure over the rounds of a step: the median, which the tables and the verdicts use, and the
 * lowest and highest round, which say how far one round can be trusted.
 */
record Spread(double median, double min, double max, int rounds) {

    /** The spread of the values that were measured (nulls and NaN are rounds that gave none); null if none. */
    static Spread of(List<Double> values) {
        List<Double> measured = values.stream()
                .filter(Objects::nonNull)
                .filter(value -> !value.isNaN())
                .sorted()
                .toList();
        if (measured.isEmpty()) {
            return null;
        }
        int n = measured.size();
        double median = n % 2 == 1 ? measured.get(n / 2) : (measured.get(n / 2 - 1) + measured.get(n / 2)) / 2;
        return new Spread(median, measured.get(0), measured.get(n - 1), n);
    }

    /** "1,234 (1,100-1,300)", or the median alone for one round. */
    String format() {
        if (rounds == 1 || min == max) {
            return number(median);
        }
        return number(median) + " (" + number(min) + "–" + number(max) + ")";
    }

    static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 1 || magnitude == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
