package io.wharf.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/** Formats the broker's storage once, as {@code kafka-storage.sh format} would. */
final class StorageFormatter {

    private StorageFormatter() {}

    static void formatIfNew(Path storageDir, List<EmbeddedKafkaSettings.ScramUser> scramUsers) throws Exception {
        if (Files.exists(storageDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(BrokerConfig.NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(storageDir.toString()))
                .setMetadataLogDirectory(storageDir.toString())
                .setControllerListenerName(BrokerConfig.CONTROLLER_LISTENER)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setScramArguments(scramUsers.stream()
                        .map(EmbeddedKafkaSettings.ScramUser::formatterArgument)
                        .toList())
                .run();
    }
}
