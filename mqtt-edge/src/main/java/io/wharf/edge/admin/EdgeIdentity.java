package io.wharf.edge.admin;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Who the answering edge is.
 *
 * @param httpAddress its HTTP address, known once the port is bound
 */
public record EdgeIdentity(
        String edgeId, Instant incarnation, String mqttAddress, Supplier<String> httpAddress, String version) {

    /** The version in the jar's manifest, or a development build's. */
    public static String runningVersion() {
        String version = EdgeIdentity.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
