package io.wharf.edge.listener;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants a config file spells as lower-case words ({@code require}, {@code wss}). */
public interface ConfigWord {

    String name();

    /** The constant as configs spell it. */
    default String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & ConfigWord> Optional<E> byKey(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants())
                .filter(value -> value.key().equals(key))
                .findFirst();
    }

    /** Every spelling, for an error message: {@code none, optional, require}. */
    static <E extends Enum<E> & ConfigWord> String choices(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigWord::key).collect(Collectors.joining(", "));
    }
}
