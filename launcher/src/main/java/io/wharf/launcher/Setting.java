package io.wharf.launcher;

import java.util.Locale;

/**
 * One configuration setting: its name in the YAML file and as a flag ({@code --name}), its
 * environment variable ({@code WHARF_NAME}), its default and its help text.
 */
enum Setting {
    CONFIG("config", null, "YAML file to read settings from; flags override the environment, which overrides the file"),
    BIND("bind", "0.0.0.0", "address the MQTT and HTTP ports listen on"),
    MQTT_PORT(
            "mqtt-port",
            "1883",
            "plain TCP MQTT port; -1 turns it off (the config file's 'listeners:' adds TLS, WebSocket and PROXY protocol ones)"),
    HTTP_PORT(
            "http-port",
            "8080",
            "HTTP port for /health/live, /health/ready, /metrics, the admin API (/api/) and the dashboard (/); -1 turns HTTP off"),
    DATA_DIR("data-dir", "./data", "where the embedded Kafka broker, the router and the logs keep their files"),
    LOG_FORMAT(
            "log-format",
            "text",
            "text, or json for one JSON object a line (on the console and in the log files), for log collectors"),
    KAFKA(
            "kafka",
            null,
            "bootstrap servers of an existing Kafka cluster, host:port[,host:port]; leave out to run the embedded broker"),
    EMBEDDED_KAFKA_PORT("embedded-kafka-port", "9092", "port of the embedded Kafka broker on 127.0.0.1"),
    NODE_ID(
            "node-id",
            null,
            "this edge's id in the cluster (default: host name and MQTT port, or the first listener's port)"),
    TOPIC_PREFIX("topic-prefix", "mqtt.", "prefix of Wharf's Kafka topics"),
    MAX_PACKET_SIZE("max-packet-size", "1048576", "largest MQTT packet accepted from a client, in bytes"),
    CONNECT_TIMEOUT("connect-timeout", "10", "seconds a new connection may take to send CONNECT"),
    RECEIVE_MAXIMUM("receive-maximum", "1024", "QoS 1 and 2 messages a client may have unacknowledged towards Wharf"),
    MAX_INFLIGHT("max-inflight", "1024", "QoS 1 and 2 messages Wharf keeps unacknowledged towards one client"),
    TOPIC_ALIAS_MAXIMUM("topic-alias-maximum", "64", "topic aliases an MQTT 5 client may use towards Wharf"),
    MAX_KEEP_ALIVE("max-keep-alive", "0", "longest keep-alive in seconds granted to MQTT 5 clients; 0 means no limit"),
    MAX_SESSION_EXPIRY("max-session-expiry", "604800", "longest a session outlives its connection, in seconds"),
    DRAIN_DELAY(
            "drain-delay",
            "0",
            "seconds a draining edge still accepts connections after its readiness fails, for load balancers to notice"),
    KAFKA_OUTAGE_LIMIT(
            "kafka-outage-limit",
            "300",
            "seconds a client's message may wait for Kafka: connected clients ride out a shorter outage, then their messages are answered with an error"),
    DENY_SUBSCRIBE(
            "deny-subscribe",
            "",
            "comma-separated topic filters no client may subscribe to or receive from through a wider filter, e.g. '$SYS/#,private/#'"),
    PASSWORD_FILE(
            "password-file",
            null,
            "Mosquitto password file of the users who may connect ($7$ or $6$ hashes; 'wharf passwd FILE USER' writes it)"),
    ALLOW_ANONYMOUS(
            "allow-anonymous",
            null,
            "true lets clients without credentials in; by default only with no config file, the embedded Kafka and no authentication configured"),
    JWT_SECRET(
            "jwt-secret",
            null,
            "HMAC key (32 bytes or more) of JWTs given as the MQTT password (config file: 'jwt: secret:')"),
    JWT_JWKS_FILE(
            "jwt-jwks-file",
            null,
            "JSON Web Key Set file of the public keys of JWTs given as the password ('jwt: jwks-file:')"),
    JWT_AUDIENCE("jwt-audience", null, "a JWT's 'aud' must hold this ('jwt: audience:')"),
    JWT_ISSUER("jwt-issuer", null, "a JWT's 'iss' must be this ('jwt: issuer:')"),
    JWT_USERNAME_CLAIM(
            "jwt-username-claim", null, "the JWT claim that names the user, 'sub' if unset ('jwt: username-claim:')"),
    JWT_GROUPS_CLAIM("jwt-groups-claim", null, "the JWT claim that lists the user's groups ('jwt: groups-claim:')"),
    ACL_FILE(
            "acl-file",
            null,
            "file of access rules (Mosquitto's ACL format, with Wharf's additions); without one every client may do everything"),
    ACL_PUBLISH_DENIED(
            "acl-publish-denied",
            "drop",
            "what becomes of a refused PUBLISH the client cannot be told of (MQTT 3.1.1, QoS 0): 'drop' (counted) or 'disconnect'"),
    MAX_CONNECTIONS(
            "max-connections",
            "100000",
            "MQTT connections one edge holds at once; past it CONNECT is refused (MQTT 5 0x97 Quota exceeded, 3.1.1 0x03)"),
    CONNECTION_RATE(
            "connection-rate",
            "0",
            "new connections per second from one source address (the PROXY header's behind a load balancer); 0 means no limit"),
    MAX_SUBSCRIPTIONS(
            "max-subscriptions",
            "1000",
            "subscriptions one client may hold; more are refused in SUBACK (MQTT 5 0x97 Quota exceeded, 3.1.1 0x80)"),
    MAX_TOPIC_LENGTH("max-topic-length", "4096", "longest topic name or filter accepted, in UTF-8 bytes"),
    MAX_TOPIC_LEVELS("max-topic-levels", "64", "most levels a topic name or filter may have"),
    PUBLISH_RATE(
            "publish-rate",
            "0",
            "PUBLISH packets per second one client may send; faster, Wharf reads from it slower (nothing is dropped); 0 means no limit"),
    PUBLISH_BYTES_RATE(
            "publish-bytes-rate",
            "0",
            "payload bytes per second one client may publish; faster, Wharf reads from it slower; 0 means no limit"),
    MAX_QUEUED_BYTES(
            "max-queued-bytes",
            "65536",
            "bytes queued towards one client before Wharf stops writing to it until half of them drained"),
    MAX_CONNECTING_BYTES(
            "max-connecting-bytes",
            "67108864",
            "bytes all connections not yet connected may have sent between them; the connection that does not fit is closed"),
    ANALYTICS_FILTERS(
            "analytics-filters",
            "#",
            "comma-separated topic filters the router counts messages and bytes of per window (topic rates on the dashboard, mqtt.analytics); empty turns analytics off"),
    ANALYTICS_WINDOW("analytics-window", "60", "seconds of each analytics window"),
    ROUTER(
            "router",
            "true",
            "whether this process runs the router (session expiry, wills, dead edges' sessions, analytics); at least one process of a cluster must"),
    ADMIN_TOKEN(
            "admin-token",
            null,
            "bearer token (16 characters or more) of the admin API and dashboard; password-file users in group 'admin' may use it too");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    String key() {
        return key;
    }

    String flag() {
        return "--" + key;
    }

    String environmentVariable() {
        return "WHARF_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    String defaultValue() {
        return defaultValue;
    }

    String description() {
        return description;
    }

    static Setting byKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
