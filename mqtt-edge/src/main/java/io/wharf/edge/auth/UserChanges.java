package io.wharf.edge.auth;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** What a replacement of the users means for a client connected as one of them. */
public final class UserChanges {

    /** What happened to one user. */
    public enum Change {
        NONE,
        /** The user is gone: the client must leave. */
        REMOVED,
        /** The password the client gave is no longer the user's: the client must leave. */
        PASSWORD_CHANGED,
        /** The user stays, in other groups: the client's access is decided anew. */
        GROUPS_CHANGED
    }

    private UserChanges() {}

    public static Change of(String user, PasswordFile before, PasswordFile after) {
        Optional<PasswordHash> now = after.hashOf(user);
        if (now.isEmpty()) {
            return before.hashOf(user).isPresent() ? Change.REMOVED : Change.NONE;
        }
        Optional<String> was = before.hashOf(user).map(PasswordHash::encoded);
        if (was.isPresent() && !was.get().equals(now.get().encoded())) {
            return Change.PASSWORD_CHANGED;
        }
        Set<String> groups = after.groupsOf(user);
        return Objects.equals(before.groupsOf(user), groups) ? Change.NONE : Change.GROUPS_CHANGED;
    }
}
