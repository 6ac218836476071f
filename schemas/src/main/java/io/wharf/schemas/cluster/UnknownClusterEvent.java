package io.wharf.schemas.cluster;

/** A cluster record of a kind this reader does not know (written by a newer version). */
public record UnknownClusterEvent(int v) implements ClusterEvent {}
