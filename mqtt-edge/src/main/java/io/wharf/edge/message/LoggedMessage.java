package io.wharf.edge.message;

import io.wharf.schemas.message.ApplicationMessage;

/** A message read back from the log, with its place there. */
public record LoggedMessage(ApplicationMessage message, LogPosition position) {}
