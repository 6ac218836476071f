package io.wharf.loadtest.client;

/** The names of a load connection's pipeline handlers. */
final class HandlerNames {

    static final String KEEP_ALIVE = "keep-alive";
    static final String DECODER = "mqtt-decoder";
    static final String ENCODER = "mqtt-encoder";
    static final String CLIENT = "load-client";

    private HandlerNames() {}
}
