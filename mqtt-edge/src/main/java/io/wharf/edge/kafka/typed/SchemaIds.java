package io.wharf.edge.kafka.typed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The id of a schema given as a file, with no registry to assign one: the first 4 bytes of the
 * SHA-256 of its canonical text, top bit cleared (ids are positive). The same schema gives the same
 * id on every edge and across restarts; a reader that has the file computes it the same way.
 */
public final class SchemaIds {

    private SchemaIds() {}

    public static int derived(String canonicalSchema) {
        return derived(canonicalSchema.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of a schema whose canonical form is binary (a Protobuf file descriptor). */
    public static int derived(byte[] canonicalSchema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalSchema);
            return ByteBuffer.wrap(digest).getInt() & Integer.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
