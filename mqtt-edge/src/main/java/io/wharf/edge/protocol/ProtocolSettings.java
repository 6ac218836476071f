package io.wharf.edge.protocol;

import java.time.Duration;

/**
 * The MQTT limits and choices of an edge.
 *
 * @param maxPacketSize the largest packet accepted from a client, in bytes
 * @param connectTimeout how long a new connection may take to send CONNECT
 * @param maxClientIdLength the longest client identifier accepted, in characters
 */
public record ProtocolSettings(int maxPacketSize, Duration connectTimeout, int maxClientIdLength) {

  public static final int DEFAULT_MAX_PACKET_SIZE = 1024 * 1024;

  public static ProtocolSettings defaults() {
    return new ProtocolSettings(DEFAULT_MAX_PACKET_SIZE, Duration.ofSeconds(10), 256);
  }
}
