package io.wharf.edge.log;

/**
 * The log refused a message whose payload does not fit the schema of its topic's mapping rule, as
 * the rule says to: the client is told the payload format is invalid.
 */
public final class PayloadInvalidException extends Exception {

    private final boolean closesMqtt3;

    /** @param closesMqtt3 whether an MQTT 3.1.1 client, which no PUBACK can tell, is disconnected */
    public PayloadInvalidException(String logTopic, String why, boolean closesMqtt3) {
        super("the payload does not fit the schema of Kafka topic " + logTopic + ": " + why, null, false, false);
        this.closesMqtt3 = closesMqtt3;
    }

    public boolean closesMqtt3() {
        return closesMqtt3;
    }
}
