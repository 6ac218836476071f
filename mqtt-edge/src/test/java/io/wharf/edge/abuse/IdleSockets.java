package io.wharf.edge.abuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Many plain TCP connections to the edge, opened from one thread with NIO, that each send the
 * same few bytes (or none) and then say nothing more, and notice when the edge closes them.
 */
final class IdleSockets implements AutoCloseable {

    private static final int BATCH = 500;

    private final Selector selector;
    private final List<SocketChannel> channels = new ArrayList<>();
    private final ByteBuffer sink = ByteBuffer.allocate(1024);
    private int open;

    private IdleSockets(Selector selector) {
        this.selector = selector;
    }

    /** Opens {@code count} connections, each of which sends {@code firstBytes} once connected. */
    static IdleSockets open(int port, int count, byte[] firstBytes) throws IOException {
        IdleSockets sockets = new IdleSockets(Selector.open());
        try {
            for (int done = 0; done < count; done += BATCH) {
                sockets.openBatch(port, Math.min(BATCH, count - done), firstBytes);
            }
        } catch (IOException | RuntimeException e) {
            sockets.close();
            throw e;
        }
        return sockets;
    }

    /** Connects one batch fully before the next, so that the edge's accept backlog never overflows. */
    private void openBatch(int port, int count, byte[] firstBytes) throws IOException {
        InetSocketAddress edge = new InetSocketAddress("127.0.0.1", port);
        int pending = 0;
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open();
            channels.add(channel);
            channel.configureBlocking(false);
            if (channel.connect(edge)) {
                connected(channel, firstBytes);
            } else {
                channel.register(selector, SelectionKey.OP_CONNECT);
                pending++;
            }
        }
        while (pending > 0) {
            selector.select(1000);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid() && key.isConnectable()) {
                    SocketChannel channel = (SocketChannel) key.channel();
                    channel.finishConnect();
                    connected(channel, firstBytes);
                    pending--;
                }
            }
        }
    }

    private void connected(SocketChannel channel, byte[] firstBytes) throws IOException {
        if (firstBytes.length > 0) {
            channel.write(ByteBuffer.wrap(firstBytes)); // a few bytes always fit the send buffer
        }
        channel.register(selector, SelectionKey.OP_READ);
        open++;
    }

    /** How many of the connections the edge has not closed yet, as far as this moment shows. */
    int stillOpen() throws IOException {
        selector.selectNow();
        countClosed();
        return open;
    }

    /**
     * Waits until the edge has closed every connection, or {@code within} has passed; returns how
     * many are still open.
     */
    int awaitClosedByEdge(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (open > 0 && System.nanoTime() < deadline) {
            selector.select(
                    Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
            countClosed();
        }
        return open;
    }

    private void countClosed() throws IOException {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid() && key.isReadable() && closedByPeer((SocketChannel) key.channel(), sink)) {
                key.cancel();
                key.channel().close();
                open--;
            }
        }
    }

    private static boolean closedByPeer(SocketChannel channel, ByteBuffer sink) {
        try {
            sink.clear();
            return channel.read(sink) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            for (SocketChannel channel : channels) {
                channel.close();
            }
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
