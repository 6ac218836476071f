package io.wharf.edge.log;

/**
 * The log refused a message whose payload does not fit the schema of its topic's mapping rule, as
 * the rule says to: the client is told the payload format is invalid.
 */
public final class PayloadInvalidException extends Exception {

    public PayloadInvalidException(String logTopic, String why) {
        super("the payload does not fit the schema of Kafka topic " + logTopic + ": " + why, null, false, false);
    }
}
