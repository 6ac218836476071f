package io.wharf.edge.log;

import io.wharf.schemas.topic.TopicFilter;
import java.util.concurrent.CompletableFuture;

/**
 * The live stream of messages from the log, read only where the edge's subscriptions need it.
 * Matching messages go to the subscription registry the feed was built with.
 */
public interface MessageFeed {

  /**
   * Makes sure every message appended from now on whose topic matches {@code filter} reaches the
   * registry. The future completes once that holds.
   */
  CompletableFuture<Void> follow(TopicFilter filter);

  /** Says that one subscription to {@code filter} is gone, so its part of the log may be dropped. */
  void unfollow(TopicFilter filter);
}
