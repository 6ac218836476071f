package io.wharf.edge.kafka.auth;

import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserDirectory;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.cluster.AuthContents;
import io.wharf.edge.auth.cluster.AuthRecords;
import io.wharf.edge.kafka.TopicFollower;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthSeeded;
import io.wharf.schemas.auth.AuthUser;
import io.wharf.schemas.topic.TopicFilter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an edge's users and access rules those of the cluster's auth topic. At start it reads the
 * topic to its end; a topic nobody has written to yet is seeded with the edge's own files (their
 * users and rules become the cluster's); otherwise the topic's are put in force, whatever the files
 * say. From then on every change read from the topic is applied at once, to connected clients too
 * (through the listeners of the {@link UserDirectory} and the {@link AccessControl}).
 */
public final class AuthTopic implements TopicFollower.Handler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuthTopic.class);

    private final WharfTopic<String, AuthEntry> topic;
    private final Optional<UserDirectory> users;
    private final AccessControl access;
    private final List<TopicFilter> deniedSubscriptions;
    private final TopicFollower follower;
    private final AuthContents contents = new AuthContents();
    private boolean changed;
    private List<AuthEntry> appliedUsers; // null until the first
    private long firstChangeWrittenAt;

    /**
     * @param users the users the edge's authenticator checks, if it checks any
     * @param deniedSubscriptions the edge's own {@code deny-subscribe} filters, kept on top of the topic's rules
     */
    public AuthTopic(
            Consumer<byte[], byte[]> consumer,
            WharfTopic<String, AuthEntry> topic,
            Optional<UserDirectory> users,
            AccessControl access,
            List<TopicFilter> deniedSubscriptions) {
        this.topic = topic;
        this.users = users;
        this.access = access;
        this.deniedSubscriptions = List.copyOf(deniedSubscriptions);
        this.follower = new TopicFollower("wharf-auth-reader", consumer, topic.name(), this);
    }

    /**
     * Reads the topic to its end, seeding it first if nobody wrote to it, and puts what it holds in force.
     *
     * @param fileRules the access rules of the edge's ACL file (without its {@code deny-subscribe} filters)
     * @throws AuthTopicException if the topic could not be read or seeded within {@code timeout}
     */
    public void start(
            Producer<byte[], byte[]> producer, AccessRules fileRules, String nodeId, Clock clock, Duration timeout)
            throws InterruptedException {
        PasswordFile fileUsers =
                users.map(UserDirectory::current).orElse(PasswordFile.empty()); // before the topic's replace them
        if (!follower.startFromBeginning(timeout)) {
            throw new AuthTopicException("the auth topic " + topic.name() + " could not be read within " + timeout);
        }
        List<AuthEntry> seed = AuthRecords.seedOf(fileUsers, fileRules);
        boolean untouched;
        synchronized (this) {
            untouched = contents.isUntouched();
        }
        if (untouched && !seed.isEmpty()) {
            AuthTopicWrites.sendAll(producer, topic, seed, timeout);
            AuthTopicWrites.sendAll(producer, topic, List.of(AuthSeeded.of(clock.instant(), nodeId)), timeout);
            awaitAppliedSeed(timeout);
            log.info(
                    "Seeded the auth topic {} with {} users and {} rules from this edge's files",
                    topic.name(),
                    fileUsers.size(),
                    fileRules.rules().size());
            return;
        }
        synchronized (this) {
            if (!untouched && !seed.isEmpty() && !new HashSet<>(seed).equals(new HashSet<>(contents.usersAndRules()))) {
                log.warn(
                        "The users and rules of the auth topic {} are in force, not those of this edge's files,"
                                + " which differ: change them with 'wharf user' and 'wharf acl'",
                        topic.name());
            }
        }
    }

    /** Until the seed came back and is in force, so that nothing put in force after start is overwritten by it. */
    private synchronized void awaitAppliedSeed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!contents.wasSeeded() || changed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AuthTopicException("the seed of " + topic.name() + " was not read back within " + timeout);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    @Override
    public synchronized void apply(ConsumerRecord<byte[], byte[]> record) {
        if (!AuthRecord.applyTo(contents, topic, record)) {
            return;
        }
        if (!changed) {
            firstChangeWrittenAt = record.timestamp();
        }
        changed = true;
    }

    /** After the records of a poll, so that a burst of changes is put in force once. */
    @Override
    public synchronized void afterPoll(Consumer<byte[], byte[]> consumer) {
        if (!changed) {
            return;
        }
        changed = false;
        List<AuthEntry> userRecords = contents.usersAndRules().stream()
                .filter(entry -> entry instanceof AuthUser)
                .toList();
        if (!userRecords.equals(appliedUsers)) {
            appliedUsers = userRecords;
            users.ifPresent(directory -> directory.replace(contents.users()));
        }
        AccessRules rules = contents.rules().denyingSubscriptions(deniedSubscriptions);
        if (!rules.equals(access.current())) {
            access.replace(rules);
        }
        log.info(
                "Applied the changes of {} to users and rules, the first written {} ms before",
                topic.name(),
                Math.max(0, System.currentTimeMillis() - firstChangeWrittenAt));
        notifyAll();
    }

    /** The users and rules read so far, the seeding mark left out. */
    public synchronized List<AuthEntry> usersAndRules() {
        return contents.usersAndRules();
    }

    @Override
    public void close() {
        follower.close();
    }
}
