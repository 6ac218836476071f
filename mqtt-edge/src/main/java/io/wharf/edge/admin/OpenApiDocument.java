package io.wharf.edge.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The API's OpenAPI 3 document, a resource written by hand beside this class. */
final class OpenApiDocument {

    private static final String RESOURCE = "openapi.json";

    private OpenApiDocument() {}

    static String text() {
        return Holder.TEXT;
    }

    private static final class Holder {
        static final String TEXT = load();
    }

    private static String load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The resource " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
