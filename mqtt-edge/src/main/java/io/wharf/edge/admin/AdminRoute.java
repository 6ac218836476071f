package io.wharf.edge.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which admin API operation a request asks for: its method and path read as a value, with the path
 * parts URL-decoded (a retained topic holds {@code /}, written {@code %2F} or left as it is).
 *
 * @param operation the operation
 * @param target the decoded client id, edge id or topic the path names, or null
 * @param query the decoded query parameters (the last value of each)
 */
public record AdminRoute(Operation operation, String target, Map<String, String> query) {

    /** Every operation of the API; those under {@code /api/local/} concern the answering edge only. */
    public enum Operation {
        EDGES,
        DRAIN_EDGE,
        CLIENTS,
        CLIENT,
        KICK_CLIENT,
        REMOVE_SESSION,
        RETAINED,
        RETAINED_MESSAGE,
        DELETE_RETAINED,
        TOPICS,
        OPENAPI,
        LOCAL_EDGE,
        LOCAL_CLIENTS,
        LOCAL_CLIENT,
        LOCAL_KICK,
        USERS,
        PUT_USER,
        DELETE_USER,
        RULES,
        ADD_RULE,
        DELETE_RULE
    }

    /** Why a request names no operation: no such path (404) or a path that takes other methods (405). */
    public record Refusal(int status, String message) {}

    public static final String PREFIX = "/api/";

    /** Whether the admin API answers this URI at all (else the request is someone else's). */
    public static boolean isApi(String uri) {
        return pathOf(uri).startsWith(PREFIX) || pathOf(uri).equals("/api");
    }

    /** The operation that {@code method} on {@code uri} asks for, or why there is none. */
    public static Result parse(String method, String uri) {
        String path = pathOf(uri);
        Map<String, String> query = query(uri);
        String rest = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
        List<String> parts = List.of(rest.split("/", -1));
        String head = parts.get(0);
        String tail = parts.size() > 1 ? decode(rest.substring(head.length() + 1)) : null;
        return switch (head) {
            case "openapi.json" ->
                parts.size() == 1 ? only(method, "GET", Operation.OPENAPI, null, query) : notFound(path);
            case "edges" -> edges(method, parts, path, query);
            case "clients" ->
                parts.size() == 1
                        ? only(method, "GET", Operation.CLIENTS, null, query)
                        : named(tail)
                                .map(id -> either(method, Operation.CLIENT, Operation.KICK_CLIENT, id, query))
                                .orElseGet(() -> notFound(path));
            case "sessions" ->
                parts.size() == 1
                        ? notFound(path)
                        : named(tail)
                                .map(id -> only(method, "DELETE", Operation.REMOVE_SESSION, id, query))
                                .orElseGet(() -> notFound(path));
            case "retained" ->
                parts.size() == 1
                        ? only(method, "GET", Operation.RETAINED, null, query)
                        : named(tail)
                                .map(topic -> either(
                                        method, Operation.RETAINED_MESSAGE, Operation.DELETE_RETAINED, topic, query))
                                .orElseGet(() -> notFound(path));
            case "topics" -> parts.size() == 1 ? only(method, "GET", Operation.TOPICS, null, query) : notFound(path);
            case "local" -> local(method, parts, tail, path, query);
            case "users" ->
                parts.size() == 1
                        ? only(method, "GET", Operation.USERS, null, query)
                        : named(tail)
                                .map(user -> switch (method) {
                                    case "PUT" -> new Result(new AdminRoute(Operation.PUT_USER, user, query), null);
                                    case "DELETE" ->
                                        new Result(new AdminRoute(Operation.DELETE_USER, user, query), null);
                                    default -> new Result(null, new Refusal(405, "use PUT or DELETE"));
                                })
                                .orElseGet(() -> notFound(path));
            case "acl" -> parts.size() == 1 ? acl(method, query) : notFound(path);
            default -> notFound(path);
        };
    }

    /** A parsed request: the route, or the refusal. */
    public record Result(AdminRoute route, Refusal refusal) {}

    private static Result edges(String method, List<String> parts, String path, Map<String, String> query) {
        if (parts.size() == 1) {
            return only(method, "GET", Operation.EDGES, null, query);
        }
        if (parts.size() == 3 && parts.get(2).equals("drain") && !parts.get(1).isEmpty()) {
            return only(method, "POST", Operation.DRAIN_EDGE, decode(parts.get(1)), query);
        }
        return notFound(path);
    }

    private static Result local(
            String method, List<String> parts, String tail, String path, Map<String, String> query) {
        if (parts.size() == 2 && parts.get(1).equals("edge")) {
            return only(method, "GET", Operation.LOCAL_EDGE, null, query);
        }
        if (parts.size() == 2 && parts.get(1).equals("clients")) {
            return only(method, "GET", Operation.LOCAL_CLIENTS, null, query);
        }
        if (parts.size() >= 3 && parts.get(1).equals("clients")) {
            String id = decode(String.join("/", parts.subList(2, parts.size())));
            if (!id.isEmpty()) {
                return either(method, Operation.LOCAL_CLIENT, Operation.LOCAL_KICK, id, query);
            }
        }
        return notFound(path);
    }

    private static Result acl(String method, Map<String, String> query) {
        return switch (method) {
            case "GET" -> new Result(new AdminRoute(Operation.RULES, null, query), null);
            case "POST" -> new Result(new AdminRoute(Operation.ADD_RULE, null, query), null);
            case "DELETE" -> new Result(new AdminRoute(Operation.DELETE_RULE, null, query), null);
            default -> new Result(null, new Refusal(405, "use GET, POST or DELETE"));
        };
    }

    private static Optional<String> named(String tail) {
        return tail == null || tail.isEmpty() ? Optional.empty() : Optional.of(tail);
    }

    private static Result only(
            String method, String allowed, Operation operation, String target, Map<String, String> query) {
        if (!method.equals(allowed)) {
            return new Result(null, new Refusal(405, "use " + allowed));
        }
        return new Result(new AdminRoute(operation, target, query), null);
    }

    private static Result either(
            String method, Operation onGet, Operation onDelete, String target, Map<String, String> query) {
        return switch (method) {
            case "GET" -> new Result(new AdminRoute(onGet, target, query), null);
            case "DELETE" -> new Result(new AdminRoute(onDelete, target, query), null);
            default -> new Result(null, new Refusal(405, "use GET or DELETE"));
        };
    }

    private static Result notFound(String path) {
        return new Result(null, new Refusal(404, "no such path: " + path + " (see /api/openapi.json)"));
    }

    private static String pathOf(String uri) {
        return uri.split("\\?", 2)[0];
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> query = new HashMap<>();
        String[] split = uri.split("\\?", 2);
        if (split.length < 2) {
            return query;
        }
        for (String pair : split[1].split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] keyValue = pair.split("=", 2);
            query.put(decode(keyValue[0]), keyValue.length > 1 ? decode(keyValue[1]) : "");
        }
        return query;
    }

    /** Percent-decoding of a path part or query value; {@code +} stays a plus (topics use it). */
    static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
