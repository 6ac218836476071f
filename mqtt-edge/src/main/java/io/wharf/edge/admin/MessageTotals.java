package io.wharf.edge.admin;

/**
 * The messages one edge has handled since it started.
 *
 * @param received messages its clients published to it
 * @param delivered PUBLISH packets it sent to its clients
 */
public record MessageTotals(long received, long delivered) {}
