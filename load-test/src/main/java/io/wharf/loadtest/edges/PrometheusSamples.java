package io.wharf.loadtest.edges;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text page: sums of a metric and the values a label takes. */
final class PrometheusSamples {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<Sample> samples = new ArrayList<>();

    PrometheusSamples(String text) {
        for (String line : text.split("\n")) {
            Sample sample = parse(line);
            if (sample != null) {
                samples.add(sample);
            }
        }
    }

    /**
     * The sum of every sample of {@code metric} whose labels include all of {@code labels} (other
     * labels may differ: the qos of a counter, for instance); -1 when there is none.
     */
    double sum(String metric, Map<String, String> labels) {
        return sumWithout(metric, labels, null);
    }

    /** As {@link #sum}, over the samples that do not carry the label {@code absent} (null: any). */
    double sumWithout(String metric, Map<String, String> labels, String absent) {
        double sum = 0;
        boolean found = false;
        for (Sample sample : samples) {
            if (sample.is(metric, labels) && (absent == null || !sample.labels.containsKey(absent))) {
                sum += sample.value;
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /** The distinct values of {@code label} over the samples of {@code metric} that carry all of {@code labels}. */
    Set<String> labelValues(String metric, String label, Map<String, String> labels) {
        Set<String> values = new LinkedHashSet<>();
        for (Sample sample : samples) {
            String value = sample.labels.get(label);
            if (value != null && sample.is(metric, labels)) {
                values.add(value);
            }
        }
        return values;
    }

    private static Sample parse(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        Matcher matcher = SAMPLE.matcher(trimmed);
        if (!matcher.matches()) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        if (matcher.group(2) != null) {
            Matcher label = LABEL.matcher(matcher.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        try {
            return new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3)));
        } catch (NumberFormatException e) {
            return null; // NaN and the infinities parse; anything else is not a sample
        }
    }

    private record Sample(String metric, Map<String, String> labels, double value) {
        boolean is(String wantedMetric, Map<String, String> wanted) {
            return metric.equals(wantedMetric)
                    && wanted.entrySet().stream()
                            .allMatch(entry -> entry.getValue().equals(labels.get(entry.getKey())));
        }
    }
}
