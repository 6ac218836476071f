package io.wharf.schemas.topic;

import java.util.Arrays;
import java.util.List;

/**
 * A valid MQTT topic filter, split into its levels. {@code +} matches one whole level, {@code #}
 * (last, alone in its level) matches the parent level and everything below it.
 */
public final class TopicFilter {

  public static final String SINGLE_LEVEL = "+";
  public static final String MULTI_LEVEL = "#";

  private final String text;
  private final List<String> levels;

  private TopicFilter(String text, List<String> levels) {
    this.text = text;
    this.levels = levels;
  }

  /**
   * Parses a filter.
   *
   * @throws InvalidTopicException if the filter breaks the rules of MQTT 3.1.1 section 4.7 / MQTT
   *     5.0 section 4.7
   */
  public static TopicFilter parse(String text) {
    TopicNames.requireWellFormed(text, "topic filter");
    String[] levels = text.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String level = levels[i];
      if (level.contains(MULTI_LEVEL) && (!level.equals(MULTI_LEVEL) || i != levels.length - 1)) {
        throw new InvalidTopicException("'#' must be the last level of a filter, alone: " + text);
      }
      if (level.contains(SINGLE_LEVEL) && !level.equals(SINGLE_LEVEL)) {
        throw new InvalidTopicException("'+' must fill a whole level of a filter: " + text);
      }
    }
    return new TopicFilter(text, List.copyOf(Arrays.asList(levels)));
  }

  public String text() {
    return text;
  }

  public List<String> levels() {
    return levels;
  }

  /** True when the filter has no wildcard, so it names exactly one topic. */
  public boolean isExact() {
    return !levels.contains(SINGLE_LEVEL) && !levels.contains(MULTI_LEVEL);
  }

  /** The levels before the first wildcard. */
  public List<String> literalPrefix() {
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      if (level.equals(SINGLE_LEVEL) || level.equals(MULTI_LEVEL)) {
        return levels.subList(0, i);
      }
    }
    return levels;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicFilter filter && filter.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
