package io.wharf.edge.netty;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.wharf.edge.limits.EdgeLimits;
import io.wharf.edge.listener.ListenerPipeline;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.listener.TlsContextSource;
import io.wharf.edge.protocol.ConnectHandler;
import io.wharf.edge.protocol.MqttPipeline;
import io.wharf.edge.protocol.ProtocolServices;
import io.wharf.edge.protocol.ProtocolSettings;

/**
 * Gives each new MQTT connection its pipeline: what its listener's kind puts in front ({@link
 * ListenerPipeline}), then the MQTT pipeline, which {@link MqttPipeline} lists top to bottom, both
 * before CONNECT and after.
 */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final ProtocolSettings settings;
    private final WriteBufferWaterMark queuedBytes;
    private final ConnectHandler connectHandler;
    private final EdgeLimits limits;
    private final ListenerSettings listener;
    private final TlsContextSource tls;

    /**
     * @param tls the listener's TLS context; null unless its kind speaks TLS
     */
    public MqttChannelInitializer(ProtocolServices services, ListenerSettings listener, TlsContextSource tls) {
        this.settings = services.settings();
        int maxQueued = settings.limits().maxQueuedBytes();
        // Past the high mark the channel turns unwritable and sessions stop sending until it drains to half.
        this.queuedBytes = new WriteBufferWaterMark(maxQueued / 2, maxQueued);
        this.connectHandler = new ConnectHandler(services);
        this.limits = services.limits();
        this.listener = listener;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.config().setWriteBufferWaterMark(queuedBytes);
        ListenerPipeline.front(channel, listener, tls, settings.maxPacketSize());
        MqttPipeline.beforeConnect(channel.pipeline(), settings, limits, connectHandler);
    }
}
