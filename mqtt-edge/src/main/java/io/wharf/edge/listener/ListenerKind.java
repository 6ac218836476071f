package io.wharf.edge.listener;

import java.util.Locale;
import java.util.Optional;

/** What a listener speaks on top of TCP: nothing, TLS, WebSocket, or WebSocket over TLS. */
public enum ListenerKind {
    TCP(false, false),
    TLS(true, false),
    WS(false, true),
    WSS(true, true);

    private final boolean tls;
    private final boolean webSocket;

    ListenerKind(boolean tls, boolean webSocket) {
        this.tls = tls;
        this.webSocket = webSocket;
    }

    public boolean tls() {
        return tls;
    }

    public boolean webSocket() {
        return webSocket;
    }

    /** The name as configs spell it: {@code tcp}, {@code tls}, {@code ws}, {@code wss}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ListenerKind> byKey(String key) {
        for (ListenerKind kind : values()) {
            if (kind.key().equals(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
