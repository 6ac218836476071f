package io.wharf.edge.protocol;

import io.wharf.edge.metrics.EdgeMetrics;
import java.time.Clock;

/**
 * The handlers of a connected client that need collaborators, built once per edge and shared by
 * every connection (each is {@code @Sharable}); {@link MqttPipeline#connected} places them.
 */
record ConnectedHandlers(PublishHandler publish, SubscribeHandler subscribe, DisconnectHandler disconnect) {

    static ConnectedHandlers of(
            ProtocolSettings settings, SubscribePermission permission, Clock clock, EdgeMetrics metrics) {
        return new ConnectedHandlers(
                new PublishHandler(settings, clock, metrics),
                new SubscribeHandler(permission),
                new DisconnectHandler(settings));
    }

    static ConnectedHandlers of(ProtocolServices services) {
        return of(services.settings(), services.subscribePermission(), services.clock(), services.metrics());
    }
}
