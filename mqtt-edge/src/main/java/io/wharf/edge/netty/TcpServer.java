package io.wharf.edge.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** A listening TCP socket whose connections get the given pipeline; shares the edge's event loops. */
public final class TcpServer implements AutoCloseable {

    private final Channel channel;

    private TcpServer(Channel channel) {
        this.channel = channel;
    }

    /**
     * Binds and starts accepting.
     *
     * @throws PortInUseException when the address is taken
     */
    public static TcpServer bind(
            String what,
            String host,
            int port,
            EventLoopGroup bossGroup,
            EventLoopGroup workerGroup,
            ChannelHandler initializer) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                // Connection storms (a fleet reconnecting) need room; the kernel caps it at somaxconn.
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        try {
            return new TcpServer(
                    bootstrap.bind(host, port).syncUninterruptibly().channel());
        } catch (Exception e) {
            throw new PortInUseException(what, host, port, e);
        }
    }

    /** The port actually bound, useful when 0 was asked for. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
