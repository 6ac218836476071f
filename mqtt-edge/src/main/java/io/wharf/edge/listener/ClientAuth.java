package io.wharf.edge.listener;

/** Whether a TLS listener asks clients for a certificate, and whether it insists on one. */
public enum ClientAuth implements ConfigWord {
    NONE,
    OPTIONAL,
    REQUIRE
}
