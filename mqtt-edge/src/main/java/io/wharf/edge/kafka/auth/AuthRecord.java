package io.wharf.edge.kafka.auth;

import io.wharf.edge.auth.cluster.AuthContents;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.auth.AuthEntry;
import io.wharf.schemas.auth.AuthKeys;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What one record of the auth topic changes, read the same by the edges and the CLI. */
final class AuthRecord {

    private AuthRecord() {}

    /**
     * Applies {@code record} (a user, a rule, the seed mark, or a tombstone of one) to {@code contents}.
     *
     * @return false for a record that is none of those: no key, or a kind a newer edge wrote
     */
    static boolean applyTo(
            AuthContents contents, WharfTopic<String, AuthEntry> topic, ConsumerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return false;
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        AuthEntry entry = record.value() == null
                ? null
                : topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        if (entry != null && AuthKeys.of(entry) == null) {
            return false;
        }
        contents.apply(key, entry);
        return true;
    }
}
