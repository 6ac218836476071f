package io.wharf.edge.auth.acl;

import java.util.Objects;

/**
 * An edge's access rules at start, and what it does with a refused PUBLISH it cannot answer.
 */
public record AccessSettings(AccessRules rules, PublishDenied publishDenied) {

    public AccessSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(publishDenied, "publishDenied");
    }

    /** No rules: everything is allowed. */
    public static AccessSettings open() {
        return new AccessSettings(AccessRules.NONE, PublishDenied.DROP);
    }
}
