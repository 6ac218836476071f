package io.wharf.loadtest.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.wharf.loadtest.measure.Measurements;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens load connections: one set of Netty event loops for all of them, each connection from the
 * next loopback source address so that tens of thousands fit towards one broker port.
 */
public final class LoadClients implements AutoCloseable {

    /** The largest packet a load client accepts; above any payload size a scenario asks for. */
    public static final int MAX_PACKET_SIZE = 16 * 1024 * 1024;

    private final EventLoopGroup group;
    private final AtomicInteger open = new AtomicInteger();
    private final int window;

    /**
     * @param threads event-loop threads (the machine's cores is a good start)
     * @param window the most QoS 1 and 2 messages each connection keeps unacknowledged
     */
    public LoadClients(int threads, int window) {
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        this.window = window;
    }

    /** Connections whose TCP connection is open now. */
    public int openConnections() {
        return open.get();
    }

    /**
     * Opens a TCP connection and sends CONNECT. The returned future completes when CONNACK accepted
     * the client, and fails when the connection or the broker refused.
     */
    public CompletableFuture<LoadConnection> connect(
            String clientId, ConnectSettings settings, MessageListener listener, Measurements measurements) {
        LoadConnection connection = new LoadConnection(clientId, settings, listener, measurements, window);
        CompletableFuture<LoadConnection> result = new CompletableFuture<>();
        ChannelFuture tcp = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 64 * 1024))
                .handler(initializer(settings, connection))
                .connect(new InetSocketAddress(settings.host(), settings.port()), SourceAddresses.SHARED.next());
        tcp.addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
                return;
            }
            Channel channel = tcp.channel();
            open.incrementAndGet();
            channel.closeFuture().addListener(closed -> open.decrementAndGet());
            connection.connected().whenComplete((present, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(connection);
                }
            });
        });
        return result;
    }

    private static ChannelInitializer<SocketChannel> initializer(ConnectSettings settings, LoadConnection connection) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                int pingSeconds = Math.max(1, settings.keepAliveSeconds() * 3 / 4);
                if (settings.keepAliveSeconds() > 0) {
                    channel.pipeline()
                            .addLast(
                                    HandlerNames.KEEP_ALIVE, new IdleStateHandler(0, pingSeconds, 0, TimeUnit.SECONDS));
                }
                channel.pipeline().addLast(HandlerNames.DECODER, new MqttDecoder(MAX_PACKET_SIZE));
                channel.pipeline().addLast(HandlerNames.ENCODER, MqttEncoder.INSTANCE);
                channel.pipeline().addLast(HandlerNames.CLIENT, connection);
            }
        };
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
