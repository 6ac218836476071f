package io.wharf.edge.kafka.typed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a subject's latest schema from a registry that speaks the Confluent REST API ({@code GET
 * /subjects/{subject}/versions/latest}), as Confluent's and Apicurio's (under {@code
 * /apis/ccompat/v7}) do.
 *
 * <p>It asks over {@link HttpURLConnection} rather than Java's {@code HttpClient}: an edge asks only
 * while it starts, and Java 17's client starts a selector thread that outlives the edge until the
 * client is garbage collected.
 */
public final class RegistryClient implements SchemaSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;

    public RegistryClient(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Found latest(String registryUrl, String subject) throws IOException {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        URI uri = URI.create(
                base + "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions/latest");
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", "application/vnd.schemaregistry.v1+json, application/json");
            int status = connection.getResponseCode();
            String body = text(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            if (status != 200) {
                throw new IOException(uri + " answered " + status + ": " + body);
            }
            JsonNode json = JSON.readTree(body);
            if (!json.path("schema").isTextual() || !json.path("id").canConvertToInt()) {
                throw new IOException(uri + " answered without a schema and an id: " + body);
            }
            return new Found(json.get("schema").asText(), json.get("id").asInt());
        } finally {
            connection.disconnect();
        }
    }

    private static String text(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
