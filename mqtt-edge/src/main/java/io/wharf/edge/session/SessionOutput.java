package io.wharf.edge.session;

import io.wharf.schemas.message.ApplicationMessage;
import java.util.List;

/** How a session sends to its client: the connection, in whatever MQTT version it speaks. */
public interface SessionOutput {

    /** False while the socket's outgoing buffer is full; the session then holds back. */
    boolean isWritable();

    /**
     * Sends a PUBLISH.
     *
     * @return false if it was not sent because it is larger than the client's Maximum Packet Size;
     *     MQTT 5 then has the server behave as if the client had received it
     */
    boolean publish(
            ApplicationMessage message,
            int qos,
            boolean retain,
            boolean dup,
            int packetId,
            List<Integer> subscriptionIds);

    /**
     * Whether the client may be sent a message on {@code topic} (the access rules): one it may not
     * is as good as delivered, so that it never reaches a wider wildcard subscription.
     */
    default boolean mayReceive(String topic) {
        return true;
    }

    /** Sends PUBREL for a QoS 2 message the client has received. */
    void release(int packetId);
}
