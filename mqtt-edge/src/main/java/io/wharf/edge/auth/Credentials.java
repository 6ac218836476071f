package io.wharf.edge.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client offers to prove who it is: its CONNECT's user name and password, and the identity
 * of its verified certificate when its listener takes the user name from there.
 *
 * @param clientId the client id in force (assigned by the edge if the client sent none)
 * @param clientAddress where the client connects from (after a PROXY protocol header, the real one)
 */
public record Credentials(
        String clientId,
        Optional<String> userName,
        Optional<byte[]> password,
        Optional<String> certificateIdentity,
        SocketAddress clientAddress) {

    public Credentials {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(certificateIdentity, "certificateIdentity");
    }

    /** The client's host, the unit repeated failures are counted by (its port changes with every try). */
    public String host() {
        if (clientAddress instanceof InetSocketAddress inet) {
            return inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
        }
        return String.valueOf(clientAddress);
    }

    @Override
    public String toString() {
        // The password never goes to a log.
        return "Credentials[clientId=" + clientId + ", userName=" + userName + ", password="
                + (password.isPresent() ? "(given)" : "(none)") + ", certificateIdentity=" + certificateIdentity
                + ", clientAddress=" + clientAddress + "]";
    }
}
