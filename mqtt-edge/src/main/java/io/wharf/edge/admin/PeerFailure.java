package io.wharf.edge.admin;

/**
 * Another edge did not answer an admin request: 504 when it let the timeout pass, 502 when it
 * could not be reached or answered with an error.
 *
 * @param edge the edge's node id
 * @param status 502 or 504
 * @param error what went wrong, for an operator
 */
public record PeerFailure(String edge, int status, String error) {}
