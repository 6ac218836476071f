package io.wharf.edge.listener;

import java.util.Locale;
import java.util.Optional;

/** Which part of a client certificate names the MQTT user: none, the subject's CN, or a SAN. */
public enum UsernameFrom {
    NONE,
    CN,
    SAN;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<UsernameFrom> byKey(String key) {
        for (UsernameFrom value : values()) {
            if (value.key().equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
