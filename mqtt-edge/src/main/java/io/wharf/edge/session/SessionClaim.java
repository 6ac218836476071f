package io.wharf.edge.session;

import java.util.Optional;

/**
 * Ownership of a session by one connection.
 *
 * @param epoch orders the claims of one client id: the highest owns the session
 * @param previous the state to continue from, or empty for a new session
 */
public record SessionClaim(String clientId, long epoch, Optional<SessionSnapshot> previous) {}
