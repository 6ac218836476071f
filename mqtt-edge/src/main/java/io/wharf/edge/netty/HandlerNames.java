package io.wharf.edge.netty;

/** The name of every handler in an MQTT channel's pipeline, in pipeline order (see MqttPipeline). */
public final class HandlerNames {

    // In front of the MQTT pipeline, by listener kind (see io.wharf.edge.listener.ListenerPipeline).
    public static final String PROXY_HEADER_REQUIRED = "proxy-header-required";
    public static final String PROXY_DECODER = "proxy-decoder";
    public static final String PROXY_HEADER = "proxy-header";
    public static final String TLS = "tls";
    public static final String TLS_HANDSHAKE_CHECK = "tls-handshake-check";
    public static final String HTTP_CODEC = "http-codec";
    public static final String HTTP_AGGREGATOR = "http-aggregator";
    public static final String WEBSOCKET_UPGRADE_CHECK = "websocket-upgrade-check";
    public static final String WEBSOCKET = "websocket";
    public static final String WEBSOCKET_FRAMES = "websocket-frames";

    // The MQTT pipeline.

    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String CONNECTING_BYTES = "connecting-bytes";
    public static final String PROTOCOL_LEVEL = "protocol-level";
    public static final String KEEP_ALIVE_IDLE = "keep-alive-idle";
    public static final String DECODER = "mqtt-decoder";
    /** In the decoder's place once the edge has ended the connection. */
    public static final String DISCARD = "discard-inbound";

    public static final String ENCODER = "mqtt-encoder";
    public static final String MALFORMED_PACKET = "malformed-packet";
    public static final String PROPERTY_CHECK = "property-check";
    public static final String KEEP_ALIVE_TIMEOUT = "keep-alive-timeout";
    public static final String CONNECT = "connect";
    /** In the connect handler's place, until the session is loaded. */
    public static final String WAITING_PACKETS = "waiting-packets";
    /** Before the connect handler, while a slow password check or a delayed refusal is pending. */
    public static final String AUTHENTICATING = "authenticating";

    public static final String CONNECTION_LIFECYCLE = "connection-lifecycle";
    public static final String PUBLISH = "publish";
    public static final String DELIVERY_ACKS = "delivery-acks";
    public static final String SUBSCRIBE = "subscribe";
    public static final String PING = "ping";
    public static final String DISCONNECT = "disconnect";
    public static final String UNEXPECTED_PACKET = "unexpected-packet";
    public static final String EXCEPTION = "exception";

    private HandlerNames() {}
}
