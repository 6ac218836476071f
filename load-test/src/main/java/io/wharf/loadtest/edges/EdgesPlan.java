package io.wharf.loadtest.edges;

import java.util.ArrayList;
import java.util.List;

/**
 * Who connects where and who publishes how fast, for one edge count: every client list is spread
 * round-robin over the edges (client {@code i} to edge {@code i mod E}, as DNS round-robin would),
 * and the fan-out publishers share the fan-in devices' total rate, so both steps offer the same
 * messages in.
 *
 * @param devices fan-in publishers, one topic each
 * @param deviceRate messages per second per device
 * @param wildcardSubscribers fan-in subscribers to every device's topic
 * @param publishers fan-out publishers
 * @param topics fan-out topics
 * @param subscribers fan-out subscribers, one exact topic each
 * @param edges edges the clients are spread over
 */
record EdgesPlan(
        int devices,
        double deviceRate,
        int wildcardSubscribers,
        int publishers,
        int topics,
        int subscribers,
        int edges) {

    /** The default number of wildcard subscribers: one per edge. */
    static final int ONE_WILDCARD_PER_EDGE = 0;

    /** With {@code wildcardSubscribers} {@link #ONE_WILDCARD_PER_EDGE}, one per edge. */
    static EdgesPlan of(
            int devices,
            double deviceRate,
            int wildcardSubscribers,
            int publishers,
            int topics,
            int subscribers,
            int edges) {
        int wildcards = wildcardSubscribers == ONE_WILDCARD_PER_EDGE ? edges : wildcardSubscribers;
        return new EdgesPlan(devices, deviceRate, wildcards, publishers, topics, subscribers, edges);
    }

    /** Every problem with the figures at once; empty when a run can go. */
    static List<String> problems(
            int devices, double deviceRate, int wildcardSubscribers, int publishers, int topics, int subscribers) {
        List<String> problems = new ArrayList<>();
        if (devices < 1 || publishers < 1 || topics < 1 || subscribers < 1) {
            problems.add("--devices, --publishers, --topics and --subscribers must be at least 1");
        }
        if (wildcardSubscribers < 0) {
            problems.add("--wildcard-subscribers must not be negative (0: one per edge)");
        }
        if (!(deviceRate > 0)) {
            problems.add("--rate must be above 0: both steps offer the devices' total rate");
        }
        return problems;
    }

    /** The edge (from 0) that client {@code index} of a list connects to. */
    int edgeOf(int index) {
        return Math.floorMod(index, edges);
    }

    /** The indexes of a list of {@code count} clients that connect to {@code edge}. */
    List<Integer> indexesOn(int count, int edge) {
        List<Integer> indexes = new ArrayList<>(count / edges + 1);
        for (int i = edge; i < count; i += edges) {
            indexes.add(i);
        }
        return indexes;
    }

    /** Messages per second both steps offer in all: every device at its rate. */
    double offeredPerSecond() {
        return devices * deviceRate;
    }

    /** The rate of each fan-out publisher that gives the fan-in total. */
    double publisherRate() {
        return offeredPerSecond() / publishers;
    }

    /** The fan-out topic (from 0) of subscriber {@code j}. */
    int topicOfSubscriber(int j) {
        return Math.floorMod(j, topics);
    }

    /** The fan-out topic of message {@code sequence} of publisher {@code p}: each walks all topics in turn. */
    int topicOfMessage(int p, long sequence) {
        return (int) Math.floorMod(p + sequence, (long) topics);
    }

    /** How many fan-out subscribers take topic {@code t}. */
    int subscribersOf(int t) {
        return subscribers / topics + (t < subscribers % topics ? 1 : 0);
    }

    /** Deliveries the fan-out step owes for {@code published[t]} messages published to each topic t. */
    long fanOutExpected(long[] published) {
        long expected = 0;
        for (int t = 0; t < published.length; t++) {
            expected += published[t] * subscribersOf(t);
        }
        return expected;
    }

    /** Deliveries the fan-in step owes: every message to every wildcard subscriber. */
    long fanInExpected(long published) {
        return published * wildcardSubscribers;
    }

    static String deviceTopic(String run, int device) {
        return run + "/t/" + device + "/data";
    }

    static String wildcardFilter(String run) {
        return run + "/t/+/data";
    }

    static String fanOutTopic(String run, int topic) {
        return run + "/k/" + topic;
    }
}
