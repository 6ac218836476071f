package io.wharf.edge.log;

/**
 * The log refused a message as larger than its topic takes: no retry can store it. Says which
 * topic and limit, so that the client and the operator learn what to change.
 */
public final class MessageTooLargeException extends RuntimeException {

    private final String logTopic;
    private final long limitBytes;

    /** @param limitBytes the topic's limit as read at the edge's start, or -1 when it is not known */
    public MessageTooLargeException(String logTopic, long limitBytes, Throwable cause) {
        super(
                "Kafka topic " + logTopic + " refused the record as larger than its max.message.bytes"
                        + (limitBytes < 0 ? "" : " (" + limitBytes + " bytes when the edge started)"),
                cause);
        this.logTopic = logTopic;
        this.limitBytes = limitBytes;
    }

    public String logTopic() {
        return logTopic;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
