package io.wharf.edge.listener;

import java.util.Optional;

/**
 * One port the edge accepts MQTT clients on.
 *
 * @param kind what is spoken on top of TCP
 * @param bindHost the address to listen on
 * @param port the port; 0 picks a free one
 * @param proxyProtocol whether every connection starts with a PROXY protocol (v1 or v2) header,
 *     whose source address then stands for the client
 * @param tls the files of a {@code tls} or {@code wss} listener, empty otherwise
 * @param path the HTTP path of a {@code ws} or {@code wss} listener
 */
public record ListenerSettings(
        ListenerKind kind, String bindHost, int port, boolean proxyProtocol, Optional<TlsFiles> tls, String path) {

    public static final String DEFAULT_PATH = "/mqtt";

    public ListenerSettings {
        if (kind.tls() != tls.isPresent()) {
            throw new IllegalArgumentException(
                    "a " + kind.key() + " listener " + (kind.tls() ? "needs" : "takes no") + " TLS files");
        }
    }

    public static ListenerSettings tcp(String bindHost, int port) {
        return new ListenerSettings(ListenerKind.TCP, bindHost, port, false, Optional.empty(), DEFAULT_PATH);
    }

    public ListenerSettings withProxyProtocol(boolean expected) {
        return new ListenerSettings(kind, bindHost, port, expected, tls, path);
    }

    /** How logs name it, e.g. {@code tls 0.0.0.0:8883}. */
    public String describe(int boundPort) {
        return kind.key() + (proxyProtocol ? "+proxy " : " ") + bindHost + ":" + boundPort
                + (kind.webSocket() ? path : "");
    }
}
