package io.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.edge.listener.ClientAuth;
import io.wharf.edge.listener.ConfigWord;
import io.wharf.edge.listener.ListenerKind;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.listener.TlsContextSource;
import io.wharf.edge.listener.TlsFiles;
import io.wharf.edge.listener.UsernameFrom;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code listeners:} list of the YAML config: MQTT listeners besides the plain one of
 * {@code mqtt-port}, each with {@code kind} (tcp, tls, ws, wss) and {@code port}, optionally
 * {@code bind} and {@code proxy-protocol}; tls and wss ones with {@code certificate} and {@code key}
 * and optionally {@code client-auth}, {@code client-ca} and {@code username-from}; ws and wss
 * ones optionally with {@code path} (/mqtt).
 */
final class ListenersParser {

    static final String KEY = "listeners";

    private static final Set<String> FIELDS = Set.of(
            "kind",
            "port",
            "bind",
            "proxy-protocol",
            "certificate",
            "key",
            "client-auth",
            "client-ca",
            "username-from",
            "path");
    private static final Set<String> TLS_FIELDS =
            Set.of("certificate", "key", "client-auth", "client-ca", "username-from");

    private final List<String> errors;

    ListenersParser(List<String> errors) {
        this.errors = errors;
    }

    /**
     * @param bind the address a listener without {@code bind} listens on
     */
    List<ListenerSettings> parse(JsonNode list, String file, String bind) {
        List<ListenerSettings> listeners = new ArrayList<>();
        if (!list.isArray()) {
            errors.add("'" + KEY + "' in " + file
                    + " must be a list of listeners, each like '- kind: tls' with 'port: 8883'");
            return listeners;
        }
        for (int i = 0; i < list.size(); i++) {
            ListenerSettings listener = listener(list.get(i), "listener " + (i + 1) + " in " + file, bind);
            if (listener != null) {
                listeners.add(listener);
            }
        }
        return listeners;
    }

    private ListenerSettings listener(JsonNode node, String where, String defaultBind) {
        if (!node.isObject()) {
            errors.add(where + " must be a mapping with 'kind' and 'port'");
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FIELDS.contains(field.getKey())) {
                errors.add(where + " has an unknown field '" + field.getKey() + "'; known fields: "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            } else if (!field.getValue().isValueNode()) {
                errors.add(where + ": '" + field.getKey() + "' must be a single value");
            }
        }
        int errorsBefore = errors.size();
        String kindText = node.path("kind").asText("");
        Optional<ListenerKind> kind = ConfigWord.byKey(ListenerKind.class, kindText);
        if (kind.isEmpty()) {
            errors.add(where + ": 'kind' must be one of " + ConfigWord.choices(ListenerKind.class) + ", not '"
                    + kindText + "'");
            return null;
        }
        JsonNode portNode = node.get("port");
        int port = 0;
        if (portNode == null || !portNode.canConvertToInt() || portNode.asInt() < 0 || portNode.asInt() > 65_535) {
            errors.add(where + ": 'port' must be a number from 1 to 65535 (0 picks a free one), not '"
                    + (portNode == null ? "" : portNode.asText()) + "'");
        } else {
            port = portNode.asInt();
        }
        String bind = node.path("bind").asText(defaultBind);
        boolean proxyProtocol = bool(node, "proxy-protocol", where);
        String path = node.path("path").asText(ListenerSettings.DEFAULT_PATH);
        if (node.has("path") && !kind.get().webSocket()) {
            errors.add(where + ": 'path' is for ws and wss listeners only");
        } else if (!path.startsWith("/")) {
            errors.add(where + ": 'path' must start with '/', like /mqtt, not '" + path + "'");
        }
        Optional<TlsFiles> tls = Optional.empty();
        if (kind.get().tls()) {
            tls = tls(node, where);
        } else {
            for (String field : TLS_FIELDS) {
                if (node.has(field)) {
                    errors.add(where + ": '" + field + "' is for tls and wss listeners only");
                }
            }
        }
        if (errors.size() > errorsBefore) {
            return null;
        }
        return new ListenerSettings(kind.get(), bind, port, proxyProtocol, tls, path);
    }

    private Optional<TlsFiles> tls(JsonNode node, String where) {
        Path certificate = readableFile(node, "certificate", where, "its PEM certificate chain");
        Path key = readableFile(node, "key", where, "its PEM private key (PKCS#8 or PKCS#1)");
        String authText = node.path("client-auth").asText("none");
        Optional<ClientAuth> clientAuth = ConfigWord.byKey(ClientAuth.class, authText);
        if (clientAuth.isEmpty()) {
            errors.add(where + ": 'client-auth' must be one of " + ConfigWord.choices(ClientAuth.class) + ", not '"
                    + authText + "'");
            return Optional.empty();
        }
        Optional<Path> clientCa = Optional.empty();
        if (clientAuth.get() != ClientAuth.NONE) {
            clientCa = Optional.ofNullable(readableFile(
                    node, "client-ca", where, "the PEM CA bundle client certificates are checked against"));
        } else if (node.has("client-ca")) {
            errors.add(where + ": 'client-ca' is used only with client-auth optional or require");
        }
        String fromText = node.path("username-from").asText("none");
        Optional<UsernameFrom> usernameFrom = ConfigWord.byKey(UsernameFrom.class, fromText);
        if (usernameFrom.isEmpty()) {
            errors.add(where + ": 'username-from' must be one of " + ConfigWord.choices(UsernameFrom.class) + ", not '"
                    + fromText + "'");
            return Optional.empty();
        }
        if (usernameFrom.get() != UsernameFrom.NONE && clientAuth.get() == ClientAuth.NONE) {
            errors.add(where + ": 'username-from' needs client certificates: set client-auth to optional or require");
        }
        if (certificate == null || key == null || (clientAuth.get() != ClientAuth.NONE && clientCa.isEmpty())) {
            return Optional.empty();
        }
        TlsFiles files = new TlsFiles(certificate, key, clientAuth.get(), clientCa, usernameFrom.get());
        try {
            new TlsContextSource(files); // the edge reads them again when it starts; here to fail early
        } catch (IllegalArgumentException e) {
            errors.add(where + ": " + e.getMessage()
                    + " (the certificate and CA must be PEM certificates, the key a PEM PKCS#8 or PKCS#1 key"
                    + " that belongs to the certificate)");
            return Optional.empty();
        }
        return Optional.of(files);
    }

    private Path readableFile(JsonNode node, String field, String where, String what) {
        String text = node.path(field).asText("");
        if (text.isBlank()) {
            errors.add(where + ": '" + field + "' is missing: name " + what);
            return null;
        }
        try {
            Path file = Path.of(text).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                errors.add(where + ": '" + field + "' " + file + " does not exist or cannot be read");
                return null;
            }
            return file;
        } catch (InvalidPathException e) {
            errors.add(where + ": '" + field + "' '" + text + "' is not a valid path");
            return null;
        }
    }

    private boolean bool(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            errors.add(where + ": '" + field + "' must be true or false, not '" + value.asText() + "'");
            return false;
        }
        return value.asBoolean();
    }
}
