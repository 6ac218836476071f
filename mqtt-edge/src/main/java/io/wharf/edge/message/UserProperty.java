package io.wharf.edge.message;

/** One MQTT 5 user property: a name and value pair; names may repeat. */
public record UserProperty(String name, String value) {}
