package io.wharf.edge.session;

import io.wharf.schemas.message.ApplicationMessage;

/**
 * The will of a session's current (or last) connection, not yet published.
 *
 * @param delaySeconds MQTT 5 will delay interval
 */
public record PendingWill(ApplicationMessage message, long delaySeconds) {}
