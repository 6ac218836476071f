package io.wharf.schemas.auth;

/** An auth record of a kind this reader does not know (written by a newer version). */
public record UnknownAuthEntry(int v) implements AuthEntry {}
