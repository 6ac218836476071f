package io.wharf.edge.log;

import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.topic.TopicFilter;
import java.util.List;

/** The retained message of every topic, as this edge knows them. */
public interface RetainedMessages {

    /** The retained messages whose topics match {@code filter}. */
    List<LoggedMessage> matching(TopicFilter filter);
}
