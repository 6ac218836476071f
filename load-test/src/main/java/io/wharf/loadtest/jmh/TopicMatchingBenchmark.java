package io.wharf.loadtest.jmh;

import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicFilter;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Matching one published topic against 100,000 subscriptions in Wharf's subscription trie; one
 * operation is one topic matched (the issue's target: a million a second).
 *
 * <p>The subscriptions look like a fleet's: one site-wide monitor per site ({@code
 * fleet/site-S/#}, 100 of them), the rest 90% exact device topics and 10% one device's wildcard
 * ({@code fleet/site-S/device-D/+}). Topics are drawn from the same devices, so a topic matches
 * its site's monitor and about one device subscription: two or so in all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TopicMatchingBenchmark {

    private static final int SITES = 100;
    private static final int TOPICS = 4096;

    @Param("100000")
    int subscriptions;

    private SubscriptionTrie<Integer, Integer> trie;
    private String[] topics;
    private int next;

    @Setup
    public void fill() {
        trie = new SubscriptionTrie<>();
        SplittableRandom random = new SplittableRandom(42);
        int devices = subscriptions / SITES;
        for (int site = 0; site < SITES; site++) {
            trie.add(TopicFilter.parse("fleet/site-" + site + "/#"), site, 1);
        }
        for (int i = SITES; i < subscriptions; i++) {
            String device = "fleet/site-" + random.nextInt(SITES) + "/device-" + random.nextInt(devices);
            String filter = random.nextInt(10) < 9 ? device + "/temperature" : device + "/+";
            trie.add(TopicFilter.parse(filter), i, 1);
        }
        topics = new String[TOPICS];
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = "fleet/site-" + random.nextInt(SITES) + "/device-" + random.nextInt(devices) + "/temperature";
        }
    }

    @Benchmark
    public void matchOneTopic(Blackhole matches) {
        String topic = topics[next++ & (TOPICS - 1)];
        trie.match(topic, (subscriber, options) -> matches.consume(subscriber));
    }
}
