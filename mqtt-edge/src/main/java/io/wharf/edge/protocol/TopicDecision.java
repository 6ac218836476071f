package io.wharf.edge.protocol;

/** What a PUBLISH's topic name and topic alias come to. */
sealed interface TopicDecision permits TopicDecision.Topic, Disconnect {

    /**
     * The PUBLISH is for {@code name}.
     *
     * @param setsAlias the alias to map to {@code name} from now on, or null
     */
    record Topic(String name, Integer setsAlias) implements TopicDecision {}
}
