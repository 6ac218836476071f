package io.wharf.edge.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.wharf.edge.protocol.ConnectHandler;
import io.wharf.edge.protocol.MqttPipeline;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;

/**
 * Gives each new MQTT connection its pipeline. {@link MqttPipeline} lists it top to bottom, both
 * before CONNECT and after; it sits beside the protocol handlers, most of which only it may see.
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
        MqttPipeline.beforeConnect(channel.pipeline(), settings, connectHandler);
    }
}
