package io.wharf.edge.fuzz;

import ch.qos.logback.classic.Level;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.wharf.edge.listener.ListenerPipeline;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.netty.ExceptionHandler;
import io.wharf.edge.protocol.ConnectHandler;
import io.wharf.edge.protocol.MqttPipeline;
import io.wharf.edge.protocol.ProtocolServices;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to an edge, with the pipeline a plain TCP listener gives it (what {@code
 * MqttChannelInitializer} builds, from the same two parts: it takes only socket channels), in an
 * {@link EmbeddedChannel} whose clock moves only when told. Bytes reach the edge as from a socket:
 * only while the edge reads. {@link #end()} fails if the connection left anything behind: a
 * buffer not released, an exception that reached the end of the pipeline, a leak report.
 */
final class EdgeConnection {

    private static final LogWatch UNEXPECTED_ERRORS;

    static {
        LogWatch.quiet("io.wharf");
        LogWatch.quiet("wharf.connections");
        UNEXPECTED_ERRORS =
                LogWatch.of(ExceptionHandler.class, Level.WARN, "an exception reached the end of the pipeline");
    }

    private final CountingAllocator allocator = new CountingAllocator();
    private final Queue<ByteBuf> unread = new ArrayDeque<>();
    private final EmbeddedChannel channel;

    EdgeConnection(ProtocolServices services, boolean proxyProtocol) {
        UNEXPECTED_ERRORS.clear(); // tests run one at a time: what comes from now on is this connection's
        ListenerSettings listener = ListenerSettings.tcp("127.0.0.1", 1883).withProxyProtocol(proxyProtocol);
        ConnectHandler connect = new ConnectHandler(services);
        channel = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.config().setAllocator(allocator);
                ListenerPipeline.front(
                        channel, listener, null, services.settings().maxPacketSize());
                MqttPipeline.beforeConnect(channel.pipeline(), services.settings(), services.limits(), connect);
            }
        });
        channel.freezeTime();
        channel.runPendingTasks();
    }

    /** The client sends {@code bytes}; the edge reads them when it reads. */
    void receive(byte[] bytes) {
        unread.add(allocator.track(Unpooled.wrappedBuffer(bytes)));
        deliver();
    }

    /** Lets {@code time} pass for the edge's timers (connect timeout, keep-alive). */
    void advance(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        deliver();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Whether the edge has read everything the client sent (it stops reading while it waits). */
    boolean readEverything() {
        return unread.isEmpty();
    }

    /** What the edge sent since the last call; the caller releases each. */
    List<ByteBuf> sent() {
        List<ByteBuf> sent = new ArrayList<>();
        for (Object message = channel.readOutbound(); message != null; message = channel.readOutbound()) {
            sent.add((ByteBuf) message);
        }
        return sent;
    }

    /** Whether the edge sent anything since the last call, releasing it. */
    boolean answered() {
        List<ByteBuf> sent = sent();
        sent.forEach(ReferenceCountUtil::release);
        return !sent.isEmpty();
    }

    /** The client goes away; fails if the connection left a buffer, an error or a leak report behind. */
    void end() {
        channel.close();
        channel.runPendingTasks();
        unread.forEach(ReferenceCountUtil::release); // never read from the socket
        unread.clear();
        channel.finishAndReleaseAll();
        List<String> unreleased = allocator.unreleased();
        if (!unreleased.isEmpty()) {
            throw new AssertionError(
                    "the connection left " + unreleased.size() + " buffer(s) unreleased, first " + unreleased.get(0));
        }
        UNEXPECTED_ERRORS.assertNone();
        LeakReports.assertNone();
    }

    private void deliver() {
        channel.runPendingTasks();
        while (channel.isOpen() && channel.config().isAutoRead() && !unread.isEmpty()) {
            channel.writeInbound(unread.poll());
            channel.runPendingTasks();
        }
        channel.checkException();
    }
}
