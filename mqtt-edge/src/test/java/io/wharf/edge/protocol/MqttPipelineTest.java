package io.wharf.edge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.wharf.edge.auth.acl.AccessControl;
import io.wharf.edge.auth.acl.AccessRules;
import io.wharf.edge.auth.acl.PublishDenied;
import io.wharf.edge.session.SessionServices;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline of an MQTT connection, before CONNECT and after, handler by handler. */
class MqttPipelineTest {

    /** Only what building the handlers needs: the pipeline's shape does not depend on the rest. */
    private static final ProtocolServices SERVICES = new ProtocolServices(
            ProtocolSettings.defaults(),
            null,
            new SessionServices(null, null, null, null, null, null, null, null, 0, 0, Clock.systemUTC()),
            null,
            SubscribePermission.EVERYONE,
            null,
            null,
            new AccessControl(AccessRules.NONE),
            PublishDenied.DROP);

    private final EmbeddedChannel channel = new EmbeddedChannel();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void aNewConnectionCanOnlyConnect() {
        MqttPipeline.beforeConnect(
                channel.pipeline(), ProtocolSettings.defaults(), SERVICES.limits(), new ConnectHandler(SERVICES));

        assertThat(names())
                .containsExactly(
                        "flush-consolidation",
                        "connect-timeout",
                        "connecting-bytes",
                        "protocol-level",
                        "mqtt-decoder",
                        "mqtt-encoder",
                        "malformed-packet",
                        "connect",
                        "exception");
    }

    @Test
    void anMqtt5ClientWithAKeepAliveGetsEveryHandlerOfAConnectedClient() {
        MqttPipeline.beforeConnect(
                channel.pipeline(), ProtocolSettings.defaults(), SERVICES.limits(), new ConnectHandler(SERVICES));

        MqttPipeline.connected(
                channel.pipeline(), true, 60, new WaitingPacketsHandler(), ConnectedHandlers.of(SERVICES));

        assertThat(names())
                .containsExactly(
                        "flush-consolidation",
                        "protocol-level",
                        "keep-alive-idle",
                        "mqtt-decoder",
                        "mqtt-encoder",
                        "malformed-packet",
                        "property-check",
                        "keep-alive-timeout",
                        "waiting-packets",
                        "connection-lifecycle",
                        "publish",
                        "delivery-acks",
                        "subscribe",
                        "ping",
                        "disconnect",
                        "unexpected-packet",
                        "exception");
    }

    @Test
    void anMqtt311ClientWithoutKeepAliveHasNoPropertyCheckAndNoKeepAliveTimer() {
        MqttPipeline.beforeConnect(
                channel.pipeline(), ProtocolSettings.defaults(), SERVICES.limits(), new ConnectHandler(SERVICES));

        MqttPipeline.connected(
                channel.pipeline(), false, 0, new WaitingPacketsHandler(), ConnectedHandlers.of(SERVICES));

        assertThat(names())
                .doesNotContain(
                        "property-check", "keep-alive-idle", "keep-alive-timeout", "connect", "connecting-bytes");
    }

    private List<String> names() {
        return channel.pipeline().names().stream()
                .filter(name -> !name.contains("TailContext"))
                .toList();
    }
}
