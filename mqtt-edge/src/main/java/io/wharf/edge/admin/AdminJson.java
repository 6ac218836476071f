package io.wharf.edge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.wharf.schemas.Json;

/** The API's bodies, written and read (from other edges) with Wharf's one Jackson configuration. */
public final class AdminJson {

    static final TypeReference<Listing<ClientView>> CLIENT_LISTING = new TypeReference<>() {};

    private AdminJson() {}

    public static String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An admin answer did not become JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An edge answered JSON this one cannot read: " + e.getOriginalMessage(), e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An edge answered JSON this one cannot read: " + e.getOriginalMessage(), e);
        }
    }
}
