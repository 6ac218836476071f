package io.wharf.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicFilterTest {

  @ParameterizedTest
  @ValueSource(strings = {"#", "+", "a/#", "a/+/b", "+/+", "/", "a//b", "$SYS/#", "a b/c"})
  void acceptsValidFilters(String filter) {
    assertThat(TopicFilter.parse(filter).text()).isEqualTo(filter);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a/#/b", "a#", "#a", "a/b#", "a+", "a/+b", "++", "a\u0000b"})
  void refusesInvalidFilters(String filter) {
    assertThatThrownBy(() -> TopicFilter.parse(filter)).isInstanceOf(InvalidTopicException.class);
  }

  @Test
  void knowsWhetherItNamesOneTopic() {
    assertThat(TopicFilter.parse("a/b").isExact()).isTrue();
    assertThat(TopicFilter.parse("a/+").isExact()).isFalse();
    assertThat(TopicFilter.parse("devices/42/#").literalPrefix()).containsExactly("devices", "42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/+", "#", "", "a\u0000"})
  void topicNamesHaveNoWildcards(String topic) {
    assertThat(TopicNames.isValidName(topic)).isFalse();
  }
}
