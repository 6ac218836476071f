package io.wharf.edge.kafka.auth;

import io.wharf.edge.admin.ClusterAuth;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.cluster.AuthRecords;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthKeys;
import io.wharf.schemas.auth.AuthRule;
import io.wharf.schemas.auth.AuthUser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;

/**
 * The admin API's users and rules: read from what the edge's {@link AuthTopic} has read, written
 * to the auth topic, from which every edge (this one too) applies them.
 */
public final class AuthTopicAdmin implements ClusterAuth {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final AuthTopic follower;
    private final Producer<byte[], byte[]> producer;
    private final WharfTopic<String, AuthEntry> topic;

    public AuthTopicAdmin(AuthTopic follower, Producer<byte[], byte[]> producer, WharfTopic<String, AuthEntry> topic) {
        this.follower = follower;
        this.producer = producer;
        this.topic = topic;
    }

    @Override
    public List<UserView> users() {
        List<UserView> users = new ArrayList<>();
        for (AuthEntry entry : follower.usersAndRules()) {
            if (entry instanceof AuthUser user) {
                users.add(new UserView(user.user(), user.groups()));
            }
        }
        users.sort(Comparator.comparing(UserView::user));
        return users;
    }

    @Override
    public List<AccessRule> rules() {
        List<AccessRule> rules = new ArrayList<>();
        for (AuthEntry entry : follower.usersAndRules()) {
            if (entry instanceof AuthRule rule) {
                try {
                    rules.add(AuthRecords.accessRule(rule));
                } catch (IllegalArgumentException e) {
                    // a rule of a newer edge, which this one does not apply either
                }
            }
        }
        return rules;
    }

    @Override
    public Optional<String> hashOf(String user) {
        return follower.usersAndRules().stream()
                .filter(entry -> entry instanceof AuthUser named && named.user().equals(user))
                .map(entry -> ((AuthUser) entry).hash())
                .findFirst();
    }

    @Override
    public CompletableFuture<Void> putUser(String user, String encodedHash, Set<String> groups) {
        return write(() -> AuthTopicWrites.sendAll(
                producer, topic, List.of(AuthRecords.user(user, encodedHash, groups)), WRITE_TIMEOUT));
    }

    @Override
    public CompletableFuture<Void> removeUser(String user) {
        return write(() -> AuthTopicWrites.remove(producer, topic.name(), AuthKeys.user(user), WRITE_TIMEOUT));
    }

    @Override
    public CompletableFuture<Void> addRule(AccessRule rule) {
        return write(() -> AuthTopicWrites.sendAll(producer, topic, List.of(AuthRecords.rule(rule)), WRITE_TIMEOUT));
    }

    @Override
    public CompletableFuture<Void> removeRule(AccessRule rule) {
        return write(() ->
                AuthTopicWrites.remove(producer, topic.name(), AuthKeys.of(AuthRecords.rule(rule)), WRITE_TIMEOUT));
    }

    /** Off the event loop: a write waits for Kafka's acknowledgement. */
    private static CompletableFuture<Void> write(Runnable send) {
        return CompletableFuture.runAsync(send);
    }
}
