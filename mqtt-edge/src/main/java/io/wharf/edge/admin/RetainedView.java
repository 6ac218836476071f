package io.wharf.edge.admin;

import java.time.Instant;

/**
 * A retained message as {@code GET /api/retained} shows it.
 *
 * @param topic its topic
 * @param qos the QoS it was published with
 * @param publishedAt when the edge that took it received it
 * @param publisher the publishing client's id, or null
 * @param bytes the payload's size
 * @param payload the payload as UTF-8 text when it is text, else null
 * @param payloadBase64 the payload in Base64 when it is not UTF-8 text, else null
 */
public record RetainedView(
        String topic,
        int qos,
        Instant publishedAt,
        String publisher,
        int bytes,
        String payload,
        String payloadBase64) {}
