package io.wharf.edge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.edge.auth.PasswordHash;
import io.wharf.edge.auth.acl.AccessRule;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.AclFileException;
import io.wharf.schemas.Json;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The API's users and rules: {@code GET /api/users}, {@code PUT /api/users/{name}} with
 * {@code {"password": ..., "groups": [...]}} (either may be left out for a known user),
 * {@code DELETE /api/users/{name}}, {@code GET /api/acl}, and {@code POST} or {@code DELETE
 * /api/acl} with the rule as {@code {"who", "name", "access", "topic"}} (in the body, or as query
 * parameters). Every edge applies a change within about a second.
 */
final class AuthAdmin {

    private final ClusterAuth auth;
    private final SecureRandom random = new SecureRandom();

    AuthAdmin(ClusterAuth auth) {
        this.auth = auth;
    }

    CompletableFuture<ApiResponse> users() {
        return done(ApiResponse.ok(Map.of("items", auth.users())));
    }

    CompletableFuture<ApiResponse> putUser(String user, String body) {
        if (user.contains(":") || user.isBlank()) {
            throw new BadRequestException("a user name cannot be empty or hold ':'");
        }
        JsonNode request = json(body);
        Optional<String> known = auth.hashOf(user);
        Set<String> groups = new LinkedHashSet<>();
        if (request.has("groups")) {
            request.get("groups").forEach(group -> groups.add(group.asText()));
        } else {
            user(user).ifPresent(view -> groups.addAll(view.groups()));
        }
        String hash;
        if (request.hasNonNull("password")) {
            String password = request.get("password").asText();
            if (password.isEmpty()) {
                throw new BadRequestException("the password is empty");
            }
            hash = PasswordHash.pbkdf2(
                            password.getBytes(StandardCharsets.UTF_8), PasswordHash.DEFAULT_ITERATIONS, random)
                    .encoded();
        } else {
            hash = known.orElseThrow(
                    () -> new BadRequestException("a new user needs a password: {\"password\": \"...\"}"));
        }
        return auth.putUser(user, hash, groups)
                .thenApply(done -> ApiResponse.ok(Map.of(
                        "user", user, "groups", List.copyOf(groups), known.isPresent() ? "changed" : "added", true)));
    }

    CompletableFuture<ApiResponse> deleteUser(String user) {
        Optional<ClusterAuth.UserView> known = user(user);
        if (known.isEmpty()) {
            return done(ApiResponse.notFound("there is no user " + user));
        }
        return auth.removeUser(user)
                .thenApply(done -> ApiResponse.ok(
                        Map.of("user", user, "groups", known.get().groups(), "removed", true)));
    }

    private Optional<ClusterAuth.UserView> user(String name) {
        return auth.users().stream().filter(view -> view.user().equals(name)).findFirst();
    }

    CompletableFuture<ApiResponse> rules() {
        return done(ApiResponse.ok(
                Map.of("items", auth.rules().stream().map(AuthAdmin::view).toList())));
    }

    CompletableFuture<ApiResponse> addRule(String body, Map<String, String> query) {
        AccessRule rule = rule(body, query);
        return auth.addRule(rule).thenApply(done -> ApiResponse.ok(view(rule)));
    }

    CompletableFuture<ApiResponse> deleteRule(String body, Map<String, String> query) {
        AccessRule rule = rule(body, query);
        if (!auth.rules().contains(rule)) {
            return done(ApiResponse.notFound("there is no such rule (GET /api/acl lists them)"));
        }
        return auth.removeRule(rule).thenApply(done -> ApiResponse.ok(view(rule)));
    }

    private static AccessRule rule(String body, Map<String, String> query) {
        JsonNode request = body == null || body.isBlank() ? Json.MAPPER.valueToTree(query) : json(body);
        try {
            return AclFile.rule(
                    field(request, "who"),
                    request.path("name").asText(""),
                    field(request, "access"),
                    field(request, "topic"));
        } catch (AclFileException | IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    private static Map<String, Object> view(AccessRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("who", rule.who().kind().name().toLowerCase(Locale.ROOT));
        if (!rule.who().name().isEmpty()) {
            view.put("name", rule.who().name());
        }
        view.put("access", AclFile.accessWord(rule));
        view.put("topic", rule.topicPattern());
        return view;
    }

    private static String field(JsonNode request, String name) {
        if (!request.hasNonNull(name) || request.get(name).asText().isEmpty()) {
            throw new BadRequestException("the rule needs '" + name + "' (who, name, access, topic)");
        }
        return request.get(name).asText();
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!node.isObject()) {
                throw new BadRequestException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is no JSON: " + e.getOriginalMessage());
        }
    }

    private static CompletableFuture<ApiResponse> done(ApiResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
