package io.wharf.edge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitTest {

    @Test
    void aListingHasTheDefaultLimitUnlessAsked() {
        assertThat(Limit.parse(null).value()).isEqualTo(Limit.DEFAULT);
        assertThat(Limit.parse("").value()).isEqualTo(Limit.DEFAULT);
        assertThat(Limit.parse("7").value()).isEqualTo(7);
        assertThat(Limit.parse(String.valueOf(Limit.MAX)).value()).isEqualTo(Limit.MAX);
    }

    @Test
    void aLimitOutsideItsRangeOrNoNumberIsABadRequest() {
        assertThatThrownBy(() -> Limit.parse("0")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Limit.parse(String.valueOf(Limit.MAX + 1))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> Limit.parse("ten")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aCutKeepsTheFirstInOrderAndSaysWhetherItLeftSomeOut() {
        Listing<String> cut = new Limit(2).cut(List.of("c", "a", "b"), Comparator.naturalOrder());

        assertThat(cut.items()).containsExactly("a", "b");
        assertThat(cut.truncated()).isTrue();
        assertThat(new Limit(3)
                        .cut(List.of("c", "a", "b"), Comparator.naturalOrder())
                        .truncated())
                .isFalse();
    }
}
