package io.wharf.edge.listener;

import static io.wharf.edge.netty.HandlerNames.HTTP_AGGREGATOR;
import static io.wharf.edge.netty.HandlerNames.HTTP_CODEC;
import static io.wharf.edge.netty.HandlerNames.PROXY_DECODER;
import static io.wharf.edge.netty.HandlerNames.PROXY_HEADER;
import static io.wharf.edge.netty.HandlerNames.PROXY_HEADER_REQUIRED;
import static io.wharf.edge.netty.HandlerNames.TLS;
import static io.wharf.edge.netty.HandlerNames.TLS_HANDSHAKE_CHECK;
import static io.wharf.edge.netty.HandlerNames.WEBSOCKET;
import static io.wharf.edge.netty.HandlerNames.WEBSOCKET_FRAMES;
import static io.wharf.edge.netty.HandlerNames.WEBSOCKET_UPGRADE_CHECK;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * What goes in front of the MQTT pipeline on each kind of listener, top to bottom: the PROXY
 * header, TLS, then HTTP and the WebSocket upgrade. Each handler under its name from {@link
 * io.wharf.edge.netty.HandlerNames}; the checks step aside once passed.
 */
public final class ListenerPipeline {

    /** Room for the HTTP upgrade request; its headers are all the aggregator ever holds. */
    private static final int MAX_UPGRADE_REQUEST = 16 * 1024;

    private ListenerPipeline() {}

    /**
     * @param tls the listener's TLS context, present when its kind needs one
     * @param maxPacketSize the largest MQTT packet, which one WebSocket frame may carry
     */
    public static void front(Channel channel, ListenerSettings listener, TlsContextSource tls, int maxPacketSize) {
        ChannelPipeline pipeline = channel.pipeline();
        if (listener.proxyProtocol()) {
            pipeline.addLast(PROXY_HEADER_REQUIRED, new ProxyHeaderRequired());
            pipeline.addLast(PROXY_DECODER, new HAProxyMessageDecoder());
            pipeline.addLast(PROXY_HEADER, new ProxyProtocolHandler());
        }
        if (listener.kind().tls()) {
            pipeline.addLast(TLS, tls.current().newHandler(channel.alloc()));
            pipeline.addLast(
                    TLS_HANDSHAKE_CHECK, new TlsHandshakeCheck(tls.files().usernameFrom()));
        }
        if (listener.kind().webSocket()) {
            pipeline.addLast(HTTP_CODEC, new HttpServerCodec());
            pipeline.addLast(HTTP_AGGREGATOR, new HttpObjectAggregator(MAX_UPGRADE_REQUEST));
            pipeline.addLast(WEBSOCKET_UPGRADE_CHECK, new WebSocketUpgradeCheck(listener.path()));
            pipeline.addLast(
                    WEBSOCKET,
                    new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                            .websocketPath(listener.path())
                            .subprotocols(String.join(",", WebSocketUpgradeCheck.SUBPROTOCOLS))
                            .maxFramePayloadLength(maxPacketSize)
                            .allowMaskMismatch(false)
                            .build()));
            pipeline.addLast(WEBSOCKET_FRAMES, WebSocketFrames.INSTANCE);
        }
    }
}
