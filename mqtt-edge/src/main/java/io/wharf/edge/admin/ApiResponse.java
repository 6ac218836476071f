package io.wharf.edge.admin;

import java.util.List;

/**
 * What the API answers: an HTTP status and a body that becomes JSON ({@link String} bodies are sent
 * as they are, already JSON).
 */
public record ApiResponse(int status, Object body) {

    public static ApiResponse ok(Object body) {
        return new ApiResponse(200, body);
    }

    public static ApiResponse error(int status, String error) {
        return new ApiResponse(status, ApiError.of(status, error));
    }

    public static ApiResponse notFound(String error) {
        return error(404, error);
    }

    /** The edges that did not answer: 504 if every one timed out, else 502. */
    public static ApiResponse unanswered(String what, List<PeerFailure> failures) {
        int status = failures.stream().allMatch(failure -> failure.status() == 504) ? 504 : 502;
        String edges =
                String.join(", ", failures.stream().map(PeerFailure::edge).toList());
        return new ApiResponse(status, new ApiError(status, what + ": edge " + edges + " did not answer", failures));
    }
}
