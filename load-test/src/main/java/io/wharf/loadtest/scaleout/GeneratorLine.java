package io.wharf.loadtest.scaleout;

import java.util.Locale;

/**
 * The lines a load-generator process prints on its standard output for the scale-out command that
 * started it, one fact each: {@code @scale ready}, {@code @scale subscribed OK FAILED START_MS
 * END_MS RETRIES}, {@code @scale received DISTINCT DUPLICATES LAST_MS}. Times are wall-clock milliseconds,
 * the one clock the processes share.
 */
record GeneratorLine(String kind, long[] values) {

    static final String PREFIX = "@scale ";
    static final String READY = "ready";
    static final String SUBSCRIBED = "subscribed";
    static final String RECEIVED = "received";

    static String format(String kind, long... values) {
        StringBuilder line = new StringBuilder(PREFIX).append(kind);
        for (long value : values) {
            line.append(' ').append(value);
        }
        return line.toString();
    }

    /** The line's fact, or null for any other output of the process (its log). */
    static GeneratorLine parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return null;
        }
        String[] words = line.substring(PREFIX.length()).trim().split(" +");
        long[] values = new long[words.length - 1];
        for (int i = 1; i < words.length; i++) {
            values[i - 1] = Long.parseLong(words[i]);
        }
        return new GeneratorLine(words[0].toLowerCase(Locale.ROOT), values);
    }

    long value(int index) {
        return values[index];
    }
}
