package io.wharf.edge.listener;

import io.netty.channel.Channel;
import io.wharf.edge.netty.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connections a listener refuses before MQTT begins, in the connection event log. */
final class ListenerLog {

    private static final Logger LOG = LoggerFactory.getLogger("wharf.connections");

    private ListenerLog() {}

    /** Logs why and closes the connection. */
    static void refuse(Channel channel, String why) {
        LOG.info("Refused connection from {}: {}", ClientAddress.of(channel), why);
        channel.close();
    }
}
