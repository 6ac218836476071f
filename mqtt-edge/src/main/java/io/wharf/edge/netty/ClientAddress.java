package io.wharf.edge.netty;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.SocketAddress;

/**
 * The address of the client at the other end of a connection: the socket's peer, or the source
 * a PROXY protocol header named (a load balancer's connection stands for its client).
 */
public final class ClientAddress {

    private static final AttributeKey<SocketAddress> FROM_PROXY_HEADER = AttributeKey.valueOf("wharf.client-address");

    private ClientAddress() {}

    public static SocketAddress of(Channel channel) {
        SocketAddress announced = channel.attr(FROM_PROXY_HEADER).get();
        return announced != null ? announced : channel.remoteAddress();
    }

    /** The PROXY header of this connection named the client. */
    public static void announce(Channel channel, SocketAddress client) {
        channel.attr(FROM_PROXY_HEADER).set(client);
    }
}
