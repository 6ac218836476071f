package io.wharf.edge.netty;

/** The name of every handler in an MQTT channel's pipeline, in pipeline order (see MqttPipeline). */
public final class HandlerNames {

    public static final String FLUSH_CONSOLIDATION = "flush-consolidation";
    public static final String CONNECT_TIMEOUT = "connect-timeout";
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
