package io.wharf.edge.admin;

import java.time.Instant;

/**
 * One edge as {@code GET /api/edges} shows it.
 *
 * @param id its node id
 * @param incarnation when its process started (its heartbeats' {@code startedAt})
 * @param mqttAddress where it accepts MQTT, {@code host:port}
 * @param httpAddress where it answers HTTP, {@code host:port}, or null when HTTP is off
 * @param version the Wharf version it runs, or null when it did not answer
 * @param uptimeSeconds how long its process has run
 * @param state {@code serving}, {@code draining}, or {@code unreachable} when it did not answer
 *     (then only what its heartbeat says is known)
 * @param connections its connected MQTT clients, or null when it did not answer
 * @param kafkaWritable whether it can write to Kafka now, or null when it did not answer
 * @param messagesReceived messages its clients published since it started, or null when it did
 *     not answer (two listings apart give the rate, as the dashboard draws it)
 * @param messagesDelivered PUBLISH packets it sent to clients since it started, or null
 * @param messagesReceivedPerSecond messages its clients published per second over the last ten
 *     seconds, or null when it did not answer or has just started
 * @param messagesDeliveredPerSecond PUBLISH packets it sent per second over the same time, or null
 * @param kafkaLag the records its consumers (the live feed and sessions catching up) have yet to
 *     read, or null when it did not answer
 * @param lastHeartbeat when its newest heartbeat was sent
 * @param error why it did not answer, or null
 */
public record EdgeView(
        String id,
        Instant incarnation,
        String mqttAddress,
        String httpAddress,
        String version,
        long uptimeSeconds,
        String state,
        Integer connections,
        Boolean kafkaWritable,
        Long messagesReceived,
        Long messagesDelivered,
        Double messagesReceivedPerSecond,
        Double messagesDeliveredPerSecond,
        Long kafkaLag,
        Instant lastHeartbeat,
        String error) {

    public static final String SERVING = "serving";
    public static final String DRAINING = "draining";
    public static final String UNREACHABLE = "unreachable";

    /** The same edge as the cluster's heartbeats tell it (the edge answers for itself in the rest). */
    public EdgeView withLastHeartbeat(Instant sentAt) {
        return new EdgeView(
                id,
                incarnation,
                mqttAddress,
                httpAddress,
                version,
                uptimeSeconds,
                state,
                connections,
                kafkaWritable,
                messagesReceived,
                messagesDelivered,
                messagesReceivedPerSecond,
                messagesDeliveredPerSecond,
                kafkaLag,
                sentAt,
                error);
    }
}
