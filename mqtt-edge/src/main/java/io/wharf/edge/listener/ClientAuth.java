package io.wharf.edge.listener;

import java.util.Locale;
import java.util.Optional;

/** Whether a TLS listener asks clients for a certificate, and whether it insists on one. */
public enum ClientAuth {
    NONE,
    OPTIONAL,
    REQUIRE;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ClientAuth> byKey(String key) {
        for (ClientAuth value : values()) {
            if (value.key().equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
