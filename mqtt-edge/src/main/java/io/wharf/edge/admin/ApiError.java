package io.wharf.edge.admin;

import java.util.List;

/**
 * The body of every error the API answers with.
 *
 * @param status the HTTP status, repeated for scripts that read only the body
 * @param error what went wrong, for an operator
 * @param unanswered the edges that did not answer, when that is the error; else empty
 */
public record ApiError(int status, String error, List<PeerFailure> unanswered) {

    public static ApiError of(int status, String error) {
        return new ApiError(status, error, List.of());
    }
}
