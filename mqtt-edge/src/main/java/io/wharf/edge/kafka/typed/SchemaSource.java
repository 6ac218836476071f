package io.wharf.edge.kafka.typed;

import java.io.IOException;

/** Where the schemas of rules that name a registry come from. */
@FunctionalInterface
public interface SchemaSource {

    /** No registry can be asked: a rule that names one cannot start. */
    SchemaSource NONE = (registry, subject) -> {
        throw new IOException("no schema registry client is configured");
    };

    /** The latest version of {@code subject} in the registry at {@code registryUrl}. */
    Found latest(String registryUrl, String subject) throws IOException;

    /** A schema's text and the id the registry gave it (null when no registry did). */
    record Found(String schema, Integer id) {}
}
