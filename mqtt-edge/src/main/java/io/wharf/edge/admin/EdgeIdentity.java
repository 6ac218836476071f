package io.wharf.edge.admin;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Who the answering edge is.
 *
 * @param httpAddress its HTTP address, known once the port is bound
 */
public record EdgeIdentity(
        String edgeId, Instant incarnation, String mqttAddress, Supplier<String> httpAddress, String version) {

    /**
     * The address other edges reach a port of this edge at: the bind address, unless it is a
     * wildcard ({@code 0.0.0.0}, {@code ::}), which no one can connect to from elsewhere; then this
     * host's own address.
     */
    public static String advertised(String bindHost, int port) {
        return advertisedHost(bindHost, EdgeIdentity::localHost) + ":" + port;
    }

    static String advertisedHost(String bindHost, Supplier<String> localHost) {
        boolean wildcard = bindHost == null
                || bindHost.isEmpty()
                || bindHost.equals("0.0.0.0")
                || bindHost.equals("::")
                || bindHost.equals("[::]");
        return wildcard ? localHost.get() : bindHost;
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    /** The version in the jar's manifest, or a development build's. */
    public static String runningVersion() {
        String version = EdgeIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
