package io.wharf.kafka.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/** The settings of a single-node KRaft broker on a laptop or in a test. */
final class BrokerConfig {

    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final int NODE_ID = 1;

    private BrokerConfig() {}

    static Properties singleNode(
            Path storageDir,
            String host,
            int port,
            int controllerPort,
            List<EmbeddedKafkaSettings.Listener> extraListeners) {
        StringBuilder listeners = new StringBuilder("PLAINTEXT://" + host + ":" + port);
        StringBuilder advertised = new StringBuilder(listeners);
        StringBuilder protocols = new StringBuilder("PLAINTEXT:PLAINTEXT");
        for (EmbeddedKafkaSettings.Listener listener : extraListeners) {
            String address = "," + listener.name() + "://" + host + ":" + listener.port();
            listeners.append(address);
            advertised.append(address);
            protocols.append(',').append(listener.name()).append(':').append(listener.securityProtocol());
        }
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
        p.put("listeners", listeners + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
        p.put("advertised.listeners", advertised.toString());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", protocols + "," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", storageDir.toString());
        // One node: every internal topic can have one replica only.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // The default 128 MiB dedupe buffer is sized for servers; compacted topics here are small.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        p.put("auto.create.topics.enable", "false");
        return p;
    }
}
