package io.wharf.launcher.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The admin API of one edge, as the operator commands call it: a request and its JSON answer. */
final class AdminApi {

    /** An answer: its HTTP status and JSON body. */
    record Answer(int status, JsonNode body) {

        boolean ok() {
            return status / 100 == 2;
        }

        /** The API's error text, or the status when the body has none. */
        String error() {
            String error = body.path("error").asText("");
            return error.isEmpty() ? "HTTP " + status : error;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient client;

    /** @param authorization the {@code Authorization} header sent with every request, if any */
    AdminApi(URI base, Optional<String> authorization) {
        this.base = base;
        this.authorization = authorization;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Sends the request and reads its answer.
     *
     * @throws AdminUnreachableException when the edge cannot be reached, or answers no JSON
     */
    Answer send(String method, String path) {
        URI uri = base.resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(header -> builder.header("Authorization", header));
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new AdminUnreachableException(base, "it did not answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new AdminUnreachableException(base, "nothing listens there (connection refused)");
        } catch (IOException e) {
            throw new AdminUnreachableException(base, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminUnreachableException(base, "interrupted");
        }
        try {
            return new Answer(response.statusCode(), MAPPER.readTree(response.body()));
        } catch (IOException e) {
            throw new AdminUnreachableException(
                    base,
                    "it answered HTTP " + response.statusCode() + " without JSON: is this a Wharf edge's HTTP port?");
        }
    }

    /** A path part or query value, percent-encoded (a space as %20, so that a '+' stays a '+'). */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
