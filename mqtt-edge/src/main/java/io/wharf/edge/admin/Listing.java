package io.wharf.edge.admin;

import java.util.List;

/**
 * A listing the API answers with.
 *
 * @param items the items, in order
 * @param truncated whether more matched than the limit let through
 * @param unanswered the edges that did not answer in time: their part is missing
 */
public record Listing<T>(List<T> items, boolean truncated, List<PeerFailure> unanswered) {

    public Listing<T> withUnanswered(List<PeerFailure> failures) {
        return new Listing<>(items, truncated, List.copyOf(failures));
    }
}
