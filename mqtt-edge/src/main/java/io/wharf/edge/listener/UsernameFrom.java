package io.wharf.edge.listener;

/** Which part of a client certificate names the MQTT user: none, the subject's CN, or a SAN. */
public enum UsernameFrom implements ConfigWord {
    NONE,
    CN,
    SAN
}
