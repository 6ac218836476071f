package io.wharf.edge.protocol;

/** What to do with the client's DISCONNECT. */
sealed interface ClientDisconnectDecision permits ClientDisconnectDecision.Close, Disconnect {

    /**
     * Close the connection as the client asked.
     *
     * @param keepWill whether the will is still published as the connection closes
     * @param sessionExpirySeconds the session's new expiry interval (capped to the edge's maximum),
     *     or null to keep the one from CONNECT
     */
    record Close(boolean keepWill, Long sessionExpirySeconds) implements ClientDisconnectDecision {}
}
