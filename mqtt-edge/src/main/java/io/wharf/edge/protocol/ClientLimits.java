package io.wharf.edge.protocol;

/**
 * What an MQTT 5 client said it can take (defaults for older clients).
 *
 * @param receiveMaximum QoS 1 and 2 messages it accepts unacknowledged
 * @param maximumPacketSize the largest packet it accepts, in bytes
 * @param topicAliasMaximum how many topic aliases the edge may use towards it
 * @param requestProblemInformation false: no reason strings or user properties except on
 *     PUBLISH, CONNACK and DISCONNECT
 * @param requestResponseInformation true: it wants Response Information in CONNACK
 */
public record ClientLimits(
        int receiveMaximum,
        int maximumPacketSize,
        int topicAliasMaximum,
        boolean requestProblemInformation,
        boolean requestResponseInformation) {

    public static final int UNLIMITED_PACKET_SIZE = 268_435_460;

    static ClientLimits mqtt3() {
        return new ClientLimits(65_535, UNLIMITED_PACKET_SIZE, 0, true, false);
    }
}
