package io.wharf.schemas.will;

import java.time.Instant;
import java.util.List;

/**
 * A record of {@code mqtt.wills}, keyed by client id: the will of a connected (or just gone)
 * client, already in the form of the Kafka record it becomes when published, so that whoever
 * publishes it (the edge, or the router when the edge died or the will is delayed) copies it
 * unchanged. A tombstone means there is no will to publish.
 *
 * @param owner the edge the client is (or was last) connected to
 * @param epoch the session epoch of that connection; an older will is never published over a newer
 *     connection
 * @param delaySeconds MQTT 5 will delay interval
 * @param sessionExpirySeconds a will is due no later than the end of its session
 * @param disconnectedAt null while the client is connected to a live owner; set when the
 *     connection ended abnormally, from when the delay counts
 * @param retain whether the will is also the topic's new retained message
 */
public record WillRecord(
    int v,
    String owner,
    long epoch,
    String topic,
    byte[] payload,
    List<Header> headers,
    boolean retain,
    long delaySeconds,
    long sessionExpirySeconds,
    Instant disconnectedAt) {

  public static final int VERSION = 1;

  public WillRecord {
    headers = headers == null ? List.of() : List.copyOf(headers);
  }

  /** When it is to be published, given when the client's connection ended. */
  public Instant dueAt(Instant disconnected) {
    return disconnected.plusSeconds(Math.min(delaySeconds, sessionExpirySeconds));
  }

  public WillRecord disconnectedAt(Instant when) {
    return new WillRecord(v, owner, epoch, topic, payload, headers, retain, delaySeconds, sessionExpirySeconds, when);
  }

  /** A Kafka header of the message record: name and raw value. */
  public record Header(String key, byte[] value) {}
}
