package io.wharf.edge.delivery;

import io.wharf.edge.message.LoggedMessage;
import io.wharf.schemas.topic.SubscriptionTrie;
import io.wharf.schemas.topic.TopicFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every subscription of every client connected to this edge, and the fan-out of messages to them. */
public final class SubscriptionRegistry {

  private final SubscriptionTrie<Subscriber, SubscriptionOptions> trie = new SubscriptionTrie<>();

  public void add(TopicFilter filter, Subscriber subscriber, SubscriptionOptions options) {
    trie.add(filter, subscriber, options);
  }

  public boolean remove(TopicFilter filter, Subscriber subscriber) {
    return trie.remove(filter, subscriber);
  }

  /**
   * Hands {@code message} to each subscriber with a matching subscription, once per subscriber with
   * all its matching subscriptions.
   *
   * @return how many subscribers it went to
   */
  public int dispatch(LoggedMessage message) {
    Map<Subscriber, List<SubscriptionOptions>> matches = new LinkedHashMap<>();
    trie.match(
        message.message().topic(),
        (subscriber, options) ->
            matches.computeIfAbsent(subscriber, key -> new ArrayList<>(1)).add(options));
    matches.forEach((subscriber, options) -> subscriber.deliver(message, options));
    return matches.size();
  }
}
