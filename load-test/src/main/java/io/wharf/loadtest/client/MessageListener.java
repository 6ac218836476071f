package io.wharf.loadtest.client;

import io.netty.buffer.ByteBuf;

/** Told of every PUBLISH a load connection receives, on the connection's event loop. */
@FunctionalInterface
public interface MessageListener {

    MessageListener IGNORE = (connection, topic, payload, receivedNanos) -> {};

    /** The payload is only valid during the call. */
    void onMessage(LoadConnection connection, String topic, ByteBuf payload, long receivedNanos);
}
