package io.wharf.edge.protocol;

/**
 * The handlers of a connected client that need collaborators, built once per edge and shared by
 * every connection (each is {@code @Sharable}); {@link MqttPipeline#connected} places them.
 */
record ConnectedHandlers(PublishHandler publish, SubscribeHandler subscribe, DisconnectHandler disconnect) {

    static ConnectedHandlers of(ProtocolServices services) {
        return new ConnectedHandlers(
                new PublishHandler(
                        services.settings(),
                        services.clock(),
                        services.metrics(),
                        services.publishDenied(),
                        services.limits()),
                new SubscribeHandler(services.subscribePermission(), services.metrics(), services.limits()),
                new DisconnectHandler(services.settings()));
    }
}
