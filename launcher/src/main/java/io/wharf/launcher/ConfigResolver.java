package io.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.AccessSettings;
import io.wharf.edge.auth.acl.AclFile;
import io.wharf.edge.auth.acl.AclFileException;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.limits.LimitSettings;
import io.wharf.edge.listener.ListenerSettings;
import io.wharf.edge.protocol.ProtocolSettings;
import io.wharf.router.analytics.AnalyticsSettings;
import io.wharf.schemas.mapping.MappingRule;
import io.wharf.schemas.topic.InvalidTopicException;
import io.wharf.schemas.topic.TopicFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns flags, environment variables and a YAML file into a {@link WharfConfig}: a flag wins over
 * the environment, which wins over the file, which wins over the default. Every problem is
 * collected, so that the user sees all of them at once, each with its fix.
 */
public final class ConfigResolver {

    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-_\\[\\]:]+:\\d{1,5}");
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._\\-]{0,100}");

    private final List<String> errors = new ArrayList<>();
    private List<MappingRule> mapping = List.of();
    private JsonNode kafkaPropertiesInFile;
    private JsonNode listenersInFile;
    private String listenersSource;
    private String configSource = "the config file";

    /**
     * @param flags values given on the command line, by setting
     * @param environment the process environment
     * @throws ConfigException listing every problem found
     */
    static WharfConfig resolve(Map<Setting, String> flags, Map<String, String> environment) {
        return new ConfigResolver().resolveAll(flags, environment);
    }

    /**
     * The settings an edge started with this config file (and environment) would have, for tools
     * that read what it wrote.
     *
     * @throws IllegalArgumentException listing every problem of the file, each with its fix
     */
    public static WharfConfig fromFile(String configFile, Map<String, String> environment) {
        try {
            return resolve(Map.of(Setting.CONFIG, configFile), environment);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The Kafka client settings of the environment alone ({@code WHARF_KAFKA_PROPERTY_...}), for
     * tools run without a config file.
     *
     * @throws IllegalArgumentException naming a setting that cannot be changed, with the fix
     */
    public static Map<String, String> kafkaPropertiesOf(Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, String> properties = KafkaClientProperties.resolve(null, "", environment, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return properties;
    }

    private WharfConfig resolveAll(Map<Setting, String> flags, Map<String, String> environment) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting setting : Setting.values()) {
            if (setting.defaultValue() != null) {
                values.put(setting, setting.defaultValue());
            }
        }
        String configFile = flags.getOrDefault(Setting.CONFIG, environment.get(Setting.CONFIG.environmentVariable()));
        if (configFile != null) {
            values.putAll(readFile(configFile));
        }
        for (Setting setting : Setting.values()) {
            String fromEnvironment = environment.get(setting.environmentVariable());
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(setting, fromEnvironment.trim());
            }
        }
        values.putAll(flags);

        String bind = values.get(Setting.BIND);
        int mqttPort = port(values, Setting.MQTT_PORT, true);
        List<ListenerSettings> listeners = listenersInFile == null
                ? List.of()
                : new ListenersParser(errors).parse(listenersInFile, listenersSource, bind);
        checkPorts(mqttPort, listeners);
        int httpPort = port(values, Setting.HTTP_PORT, true);
        int embeddedKafkaPort = port(values, Setting.EMBEDDED_KAFKA_PORT, false);
        Path dataDir = dataDir(values.get(Setting.DATA_DIR));
        Optional<String> kafka = kafka(values.get(Setting.KAFKA));
        String nodeId = values.getOrDefault(
                Setting.NODE_ID,
                defaultNodeId(
                        mqttPort >= 0 || listeners.isEmpty()
                                ? mqttPort
                                : listeners.get(0).port()));
        if (!NODE_ID.matcher(nodeId).matches()) {
            errors.add(Setting.NODE_ID.flag() + " '" + nodeId
                    + "' is not a valid node id: use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String topicPrefix = values.get(Setting.TOPIC_PREFIX);
        if (!TOPIC_PREFIX.matcher(topicPrefix).matches()) {
            errors.add(Setting.TOPIC_PREFIX.flag() + " '" + topicPrefix
                    + "' can only hold letters, digits, '.', '_' and '-'");
        }
        ProtocolSettings protocol = protocol(values);
        Duration drainDelay = Duration.ofSeconds(number(values, Setting.DRAIN_DELAY, 0, 300));
        Duration kafkaOutageLimit = Duration.ofSeconds(number(values, Setting.KAFKA_OUTAGE_LIMIT, 10, 86_400));
        Map<String, String> kafkaProperties =
                KafkaClientProperties.resolve(kafkaPropertiesInFile, configSource, environment, errors);
        AuthenticationConfig authentication =
                AuthenticationConfig.resolve(values, configFile == null && kafka.isEmpty(), errors);
        AccessSettings access = access(values);
        LogFormat logFormat = LogFormat.parse(values.get(Setting.LOG_FORMAT), errors);
        AnalyticsSettings analytics = new AnalyticsSettings(
                filters(Setting.ANALYTICS_FILTERS, values),
                Duration.ofSeconds(number(values, Setting.ANALYTICS_WINDOW, 1, 86_400)),
                AnalyticsSettings.DEFAULT_GRACE,
                List.of());
        boolean runsRouter = BooleanSetting.read(values, Setting.ROUTER, true, errors);
        AdminAccessConfig admin = AdminAccessConfig.resolve(
                values,
                configFile == null && kafka.isEmpty() && !authentication.checksUsers(),
                authentication.auth().authenticator().users(),
                errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new WharfConfig(
                bind,
                mqttPort,
                httpPort,
                dataDir,
                kafka,
                embeddedKafkaPort,
                nodeId,
                topicPrefix,
                protocol,
                drainDelay,
                mapping,
                kafkaOutageLimit,
                kafkaProperties,
                listeners,
                authentication,
                access,
                logFormat,
                admin,
                analytics,
                runsRouter);
    }

    /** The rules of the ACL file, if one is named, and what becomes of a refused PUBLISH. */
    private AccessSettings access(Map<Setting, String> values) {
        String policy = values.get(Setting.ACL_PUBLISH_DENIED).trim().toLowerCase(Locale.ROOT);
        PublishDenied publishDenied = PublishDenied.DROP;
        if (policy.equals("disconnect")) {
            publishDenied = PublishDenied.DISCONNECT;
        } else if (!policy.equals("drop")) {
            errors.add(Setting.ACL_PUBLISH_DENIED.flag() + " '" + policy + "' is not valid: use drop or disconnect");
        }
        String file = values.get(Setting.ACL_FILE);
        AccessRules rules = AccessRules.NONE;
        if (file != null && !file.isBlank()) {
            try {
                rules = AclFile.read(Path.of(file.trim()));
            } catch (AclFileException | InvalidPathException e) {
                errors.add(Setting.ACL_FILE.flag() + ": " + e.getMessage());
            }
        }
        return new AccessSettings(rules, publishDenied);
    }

    /** At least one MQTT listener, and no port (but 0, a free one) twice. */
    private void checkPorts(int mqttPort, List<ListenerSettings> listeners) {
        if (mqttPort < 0 && listeners.isEmpty()) {
            errors.add(Setting.MQTT_PORT.flag() + " -1 turns the plain MQTT listener off, and '" + ListenersParser.KEY
                    + "' adds no other: keep the MQTT port or add a listener");
        }
        Map<Integer, String> taken = new HashMap<>();
        if (mqttPort > 0) {
            taken.put(mqttPort, Setting.MQTT_PORT.flag());
        }
        for (int i = 0; i < listeners.size(); i++) {
            int port = listeners.get(i).port();
            String what = "listener " + (i + 1) + " (" + listeners.get(i).kind().key() + ")";
            String earlier = port > 0 ? taken.putIfAbsent(port, what) : null;
            if (earlier != null) {
                errors.add("port " + port + " is used twice, by " + earlier + " and by " + what + " in "
                        + listenersSource + ": give each listener a port of its own");
            }
        }
    }

    private ProtocolSettings protocol(Map<Setting, String> values) {
        return ProtocolSettings.builder()
                .maxPacketSize((int) number(values, Setting.MAX_PACKET_SIZE, 64, 268_435_455))
                .connectTimeout(Duration.ofSeconds(number(values, Setting.CONNECT_TIMEOUT, 1, 3600)))
                .receiveMaximum((int) number(values, Setting.RECEIVE_MAXIMUM, 1, 65_535))
                .maxInFlight((int) number(values, Setting.MAX_INFLIGHT, 1, 65_535))
                .topicAliasMaximum((int) number(values, Setting.TOPIC_ALIAS_MAXIMUM, 0, 65_535))
                .maxKeepAliveSeconds((int) number(values, Setting.MAX_KEEP_ALIVE, 0, 65_535))
                .maxSessionExpirySeconds(number(values, Setting.MAX_SESSION_EXPIRY, 0, 0xFFFF_FFFFL))
                .deniedSubscriptions(filters(Setting.DENY_SUBSCRIBE, values))
                .limits(limits(values))
                .build();
    }

    private LimitSettings limits(Map<Setting, String> values) {
        return new LimitSettings(
                (int) number(values, Setting.MAX_CONNECTIONS, 1, Integer.MAX_VALUE),
                (int) number(values, Setting.CONNECTION_RATE, 0, Integer.MAX_VALUE),
                (int) number(values, Setting.MAX_SUBSCRIPTIONS, 1, Integer.MAX_VALUE),
                (int) number(values, Setting.MAX_TOPIC_LENGTH, 1, 65_535),
                (int) number(values, Setting.MAX_TOPIC_LEVELS, 1, 65_535),
                (int) number(values, Setting.PUBLISH_RATE, 0, Integer.MAX_VALUE),
                number(values, Setting.PUBLISH_BYTES_RATE, 0, Long.MAX_VALUE),
                (int) number(values, Setting.MAX_QUEUED_BYTES, 2, Integer.MAX_VALUE),
                number(values, Setting.MAX_CONNECTING_BYTES, 1, Long.MAX_VALUE));
    }

    private long number(Map<Setting, String> values, Setting setting, long min, long max) {
        String text = values.get(setting);
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(setting.flag() + " '" + text + "' is not valid: use a whole number from " + min + " to " + max);
        return min;
    }

    private List<TopicFilter> filters(Setting setting, Map<Setting, String> values) {
        List<TopicFilter> filters = new ArrayList<>();
        for (String part : values.get(setting).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                filters.add(TopicFilter.parse(part.trim()));
            } catch (InvalidTopicException e) {
                errors.add(setting.flag() + " '" + part.trim() + "' is not a topic filter: " + e.getMessage());
            }
        }
        return filters;
    }

    private Map<Setting, String> readFile(String file) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            errors.add(Setting.CONFIG.flag() + " '" + file + "' is not a valid path");
            return values;
        }
        if (!Files.isReadable(path)) {
            errors.add("the config file " + path.toAbsolutePath() + " does not exist or cannot be read: check "
                    + Setting.CONFIG.flag());
            return values;
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            errors.add("the config file " + path + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return values;
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return values;
        }
        if (!root.isObject()) {
            errors.add("the config file " + path
                    + " must hold a mapping of setting names to values, like 'mqtt-port: 1883'");
            return values;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals(MappingRulesParser.KEY)) {
                mapping = new MappingRulesParser(errors).parse(field.getValue(), path.toString());
                continue;
            }
            if (field.getKey().equals(ListenersParser.KEY)) {
                listenersInFile = field.getValue();
                listenersSource = path.toString();
                continue;
            }
            if (field.getKey().equals(AuthenticationConfig.JWT_KEY)) {
                readJwt(field.getValue(), path, values);
                continue;
            }
            if (field.getKey().equals(KafkaClientProperties.KEY)) {
                kafkaPropertiesInFile = field.getValue();
                configSource = path.toString();
                continue;
            }
            Setting setting = Setting.byKey(field.getKey());
            if (setting == null || setting == Setting.CONFIG) {
                errors.add("unknown setting '" + field.getKey() + "' in " + path + "; known settings: " + knownKeys()
                        + ", " + MappingRulesParser.KEY + ", " + ListenersParser.KEY + ", "
                        + KafkaClientProperties.KEY + ", " + AuthenticationConfig.JWT_KEY);
            } else if (!field.getValue().isValueNode()) {
                errors.add("setting '" + field.getKey() + "' in " + path + " must be a single value");
            } else {
                values.put(setting, field.getValue().asText());
            }
        }
        return values;
    }

    /** The {@code jwt:} map: each key is the {@code jwt-...} setting of its name. */
    private void readJwt(JsonNode map, Path path, Map<Setting, String> values) {
        if (!map.isObject()) {
            errors.add("'" + AuthenticationConfig.JWT_KEY + "' in " + path
                    + " must be a mapping, like 'jwt:' with 'secret: ...' or 'jwks-file: ...' below it");
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = map.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Setting setting = AuthenticationConfig.jwtSetting(field.getKey());
            if (setting == null) {
                errors.add("unknown setting '" + field.getKey() + "' under '" + AuthenticationConfig.JWT_KEY + "' in "
                        + path + "; known: secret, jwks-file, audience, issuer, username-claim, groups-claim");
            } else if (!field.getValue().isValueNode()) {
                errors.add("'" + AuthenticationConfig.JWT_KEY + ": " + field.getKey() + "' in " + path
                        + " must be a single value");
            } else {
                values.put(setting, field.getValue().asText());
            }
        }
    }

    private int port(Map<Setting, String> values, Setting setting, boolean mayBeOff) {
        String text = values.get(setting);
        try {
            int port = Integer.parseInt(text.trim());
            if ((port >= 0 && port <= 65_535) || (mayBeOff && port == -1)) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(setting.flag() + " '" + text + "' is not a port: use a number from 1 to 65535 (0 picks a free one"
                + (mayBeOff ? ", -1 turns it off)" : ")"));
        return 0;
    }

    private Path dataDir(String text) {
        try {
            Path dir = Path.of(text).toAbsolutePath().normalize();
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                errors.add(Setting.DATA_DIR.flag() + " " + dir.toAbsolutePath()
                        + " is not writable: choose a directory you can write to");
            }
            return dir;
        } catch (IOException | InvalidPathException e) {
            errors.add(Setting.DATA_DIR.flag() + " '" + text + "' cannot be created (" + e.getMessage()
                    + "): choose a directory you can write to");
            return Path.of(".");
        }
    }

    private Optional<String> kafka(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        for (String server : text.split(",")) {
            if (!HOST_PORT.matcher(server.trim()).matches()) {
                errors.add(Setting.KAFKA.flag() + " '" + text
                        + "' is not a list of host:port, like kafka1:9092,kafka2:9092");
                return Optional.empty();
            }
        }
        return Optional.of(text.replace(" ", ""));
    }

    private static String defaultNodeId(int mqttPort) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String cleaned = host.replaceAll("[^A-Za-z0-9._\\-]", "-");
        if (cleaned.length() > 50) {
            cleaned = cleaned.substring(0, 50);
        }
        return cleaned + "-" + mqttPort;
    }

    private static String knownKeys() {
        List<String> keys = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (setting != Setting.CONFIG) {
                keys.add(setting.key());
            }
        }
        return String.join(", ", keys);
    }
}
