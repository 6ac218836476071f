package io.wharf.edge.admin;

/**
 * Whether a request may use the admin API ({@code /api/} and {@code /admin/}). Asked before every
 * such request, those that other edges forward included.
 */
@FunctionalInterface
public interface AdminAccess {

    /** Lets every request in: only for the laptop default, where nothing else checks anyone either. */
    AdminAccess OPEN = authorization -> true;

    /** Lets no request in: an edge beside a shared Kafka with neither a token nor a password file. */
    AdminAccess CLOSED = authorization -> false;

    /** @param authorization the request's {@code Authorization} header, or null */
    boolean permits(String authorization);

    /** Whether checking {@code authorization} is too slow for an event loop (a password hash). */
    default boolean isExpensive(String authorization) {
        return false;
    }
}
