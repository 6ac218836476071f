package io.wharf.edge.message;

/** A message read back from the log, with its place there. */
public record LoggedMessage(Message message, LogPosition position) {}
