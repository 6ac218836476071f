package io.wharf.edge.admin;

/**
 * Whether a request may use the admin API: the one place a credentials check goes once
 * authentication exists. Asked before every {@code /api/} request, those of other edges included.
 */
@FunctionalInterface
public interface AdminAccess {

    /** Lets every request in: until authentication lands the HTTP port must be kept private. */
    AdminAccess OPEN = (authorization, path) -> true;

    /**
     * @param authorization the request's {@code Authorization} header, or null
     * @param path the request's path
     */
    boolean permits(String authorization, String path);
}
