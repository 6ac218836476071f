package io.wharf.edge.admin;

import io.wharf.edge.auth.acl.AccessRule;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The cluster's users and access rules, as the admin API reads and changes them (in the auth topic). */
public interface ClusterAuth {

    /** A user as the API shows it: never a password or its hash. */
    record UserView(String user, List<String> groups) {}

    List<UserView> users();

    List<AccessRule> rules();

    /** The encoded hash of {@code user}'s password, if the user exists. */
    Optional<String> hashOf(String user);

    CompletableFuture<Void> putUser(String user, String encodedHash, Set<String> groups);

    CompletableFuture<Void> removeUser(String user);

    CompletableFuture<Void> addRule(AccessRule rule);

    CompletableFuture<Void> removeRule(AccessRule rule);
}
