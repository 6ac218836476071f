package io.wharf.edge.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.wharf.edge.protocol.ConnectHandler;
import io.wharf.edge.protocol.ConnectTimeoutHandler;
import io.wharf.edge.protocol.MalformedPacketHandler;
import io.wharf.edge.protocol.ProtocolLevelGuard;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;

/**
 * The pipeline of a new MQTT connection, before CONNECT. The connect handler swaps in the handlers
 * of a connected client (keep-alive, publish, subscribe, ping, disconnect) once it accepts.
 */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ProtocolSettings settings;
    private final ConnectHandler connectHandler;

    public MqttChannelInitializer(ProtocolServices services) {
        this.settings = services.settings();
        this.connectHandler = new ConnectHandler(services);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(HandlerNames.FLUSH_CONSOLIDATION, new FlushConsolidationHandler(256, true));
        pipeline.addLast(HandlerNames.CONNECT_TIMEOUT, new ConnectTimeoutHandler(settings.connectTimeout()));
        pipeline.addLast(HandlerNames.PROTOCOL_LEVEL, new ProtocolLevelGuard());
        pipeline.addLast(HandlerNames.DECODER, new MqttDecoder(settings.maxPacketSize(), settings.maxClientIdLength()));
        pipeline.addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
        pipeline.addLast(HandlerNames.MALFORMED_PACKET, MalformedPacketHandler.INSTANCE);
        pipeline.addLast(HandlerNames.CONNECT, connectHandler);
        pipeline.addLast(HandlerNames.EXCEPTION, ExceptionHandler.INSTANCE);
    }
}
