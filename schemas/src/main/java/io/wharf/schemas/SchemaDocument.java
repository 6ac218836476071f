package io.wharf.schemas;

import java.io.InputStream;

/**
 * The JSON Schema documents (draft 2020-12) of the records that outside readers see. They ship in
 * this jar under {@code io/wharf/schemas/json/}; {@code schemas/README.md} says which topic holds
 * which record and how the formats may change.
 */
public enum SchemaDocument {
    /** The value of a {@code mqtt.sessions} record: {@link io.wharf.schemas.session.SessionRecord}. */
    SESSION_RECORD("session-record.schema.json"),
    /** The value of a {@code mqtt.cluster} record: {@link io.wharf.schemas.cluster.ClusterEvent}. */
    CLUSTER_EVENT("cluster-event.schema.json"),
    /** The value of a {@code mqtt.analytics} record: {@link io.wharf.schemas.analytics.FilterWindowStats}. */
    FILTER_WINDOW_STATS("filter-window-stats.schema.json"),
    /** The value of a {@code mqtt.auth} record: {@link io.wharf.schemas.auth.AuthEntry}. */
    AUTH_ENTRY("auth-entry.schema.json"),
    /**
     * The JSON rendering of a message record's headers ({@link MessageRecordFormat#headersToJson});
     * message and retained records themselves are not JSON.
     */
    MESSAGE_HEADERS("message-headers.schema.json");

    private static final String FOLDER = "/io/wharf/schemas/json/";

    private final String fileName;

    SchemaDocument(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Where the document is on the class path, for {@link Class#getResourceAsStream}. */
    public String resource() {
        return FOLDER + fileName;
    }

    /** The document's bytes (UTF-8 JSON); the caller closes the stream. */
    public InputStream open() {
        InputStream in = SchemaDocument.class.getResourceAsStream(resource());
        if (in == null) {
            throw new IllegalStateException(resource() + " is missing from the class path");
        }
        return in;
    }
}
