package io.wharf.edge.admin;

import java.time.Instant;
import java.util.List;

/**
 * A client and its session as {@code GET /api/clients} and {@code GET /api/clients/{id}} show it.
 *
 * @param clientId the client id
 * @param connected whether it is connected now
 * @param edge the edge that holds its connection or, when disconnected, its session
 * @param address its address, {@code host:port} (behind a load balancer, the PROXY header's), or
 *     null when disconnected
 * @param user the user name it connected with, or null
 * @param protocol {@code 3.1}, {@code 3.1.1} or {@code 5}, or null when disconnected
 * @param since when it connected, or when it disconnected (a session kept for it)
 * @param sessionExpirySeconds how long its session outlives a connection, or null when not known
 * @param subscriptions its subscriptions, as its session last stored them
 * @param inFlight messages sent to it and not acknowledged yet, as its session last stored them
 * @param queued the records its session's cursor is behind the log (see {@link CursorLag}): shown
 *     for one client looked up, null in listings and when Kafka did not answer
 * @param will its will, or null for none
 */
public record ClientView(
        String clientId,
        boolean connected,
        String edge,
        String address,
        String user,
        String protocol,
        Instant since,
        Long sessionExpirySeconds,
        List<Subscription> subscriptions,
        Integer inFlight,
        Long queued,
        Will will) {

    /** The same client, with the records queued for it. */
    public ClientView withQueued(Long records) {
        return new ClientView(
                clientId,
                connected,
                edge,
                address,
                user,
                protocol,
                since,
                sessionExpirySeconds,
                subscriptions,
                inFlight,
                records,
                will);
    }

    /** One subscription: its filter and the QoS granted. */
    public record Subscription(String filter, int qos) {}

    /** A will: where it goes, whether it is retained, and how long after the end it waits. */
    public record Will(String topic, boolean retain, long delaySeconds) {}
}
