package io.wharf.edge.auth.acl;

/** What a rule allows or denies: sending to a topic, subscribing to a filter, or receiving a message. */
public enum Action {
    /** A PUBLISH from the client to a topic. */
    PUBLISH,
    /** A SUBSCRIBE to a filter (checked as a filter). */
    SUBSCRIBE,
    /** A message delivered to the client (checked per topic, whatever filter it matched). */
    RECEIVE
}
