package io.wharf.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import kafka.server.BrokerServer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Three real Kafka brokers and one controller in this JVM, with replication factor 3 and {@code
 * min.insync.replicas} 2 as defaults, so that a test can stop one broker and go on.
 */
public final class KafkaTestCluster implements TestKafka, AutoCloseable {

    public static final int BROKERS = 3;

    private final KafkaClusterTestKit kit;
    private boolean closed;

    private KafkaTestCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    public static KafkaTestCluster start() {
        Path base = TestDirectories.newDirectory("kafka-cluster");
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(false)
                    .setNumControllerNodes(1)
                    .setNumBrokerNodes(BROKERS)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .setBaseDirectory(base)
                    .build();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("default.replication.factor", "3")
                    .setConfigProp("min.insync.replicas", "2")
                    .setConfigProp("offsets.topic.replication.factor", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "3")
                    .setConfigProp("transaction.state.log.min.isr", "2")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaTestCluster(kit);
        } catch (Exception e) {
            throw new IllegalStateException("The three-broker test cluster failed to start", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The broker ids, for {@link #stopBroker} and {@link #startBroker}. */
    public List<Integer> brokerIds() {
        return List.copyOf(kit.brokers().keySet());
    }

    /** Stops one broker and waits until it is down; its data stays for a restart. */
    public void stopBroker(int id) {
        BrokerServer broker = kit.brokers().get(id);
        broker.shutdown(Duration.ofSeconds(30));
        broker.awaitShutdown();
    }

    /** Starts a broker stopped by {@link #stopBroker} again and waits until it is ready. */
    public void startBroker(int id) {
        kit.brokers().get(id).startup();
        try {
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("Broker " + id + " did not come back", e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (!closed) {
            closed = true;
            kit.close();
        }
    }
}
