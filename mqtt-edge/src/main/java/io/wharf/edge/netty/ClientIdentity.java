package io.wharf.edge.netty;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Optional;

/** The user name a connection's client certificate gave it, when its listener takes one from there. */
public final class ClientIdentity {

    private static final AttributeKey<String> FROM_CERTIFICATE = AttributeKey.valueOf("wharf.certificate-user");

    private ClientIdentity() {}

    public static Optional<String> userName(Channel channel) {
        return Optional.ofNullable(channel.attr(FROM_CERTIFICATE).get());
    }

    public static void fromCertificate(Channel channel, String userName) {
        channel.attr(FROM_CERTIFICATE).set(userName);
    }
}
