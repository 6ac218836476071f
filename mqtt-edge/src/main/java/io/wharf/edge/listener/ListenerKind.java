package io.wharf.edge.listener;

/** What a listener speaks on top of TCP: nothing, TLS, WebSocket, or WebSocket over TLS. */
public enum ListenerKind implements ConfigWord {
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
}
