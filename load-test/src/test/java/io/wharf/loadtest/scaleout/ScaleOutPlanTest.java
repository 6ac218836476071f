package io.wharf.loadtest.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wharf.loadtest.client.SourceAddresses;
import org.junit.jupiter.api.Test;

class ScaleOutPlanTest {

    @Test
    void generatorSharesAreContiguousCoverEveryConnectionOnceAndDifferByOneAtMost() {
        ScaleOutPlan plan = new ScaleOutPlan(10, 3, 3);

        assertThat(plan.firstOf(0)).isZero();
        assertThat(plan.countOf(0)).isEqualTo(4);
        assertThat(plan.firstOf(1)).isEqualTo(4);
        assertThat(plan.countOf(1)).isEqualTo(3);
        assertThat(plan.firstOf(2)).isEqualTo(7);
        assertThat(plan.countOf(2)).isEqualTo(3);
        assertThat(plan.firstOf(3)).isEqualTo(10);
    }

    @Test
    void connectionsGoToTheEdgesRoundRobinAndTheEdgeCountsAddUp() {
        ScaleOutPlan plan = new ScaleOutPlan(100_001, 6, 6);

        assertThat(plan.edgeOf(0)).isZero();
        assertThat(plan.edgeOf(5)).isEqualTo(5);
        assertThat(plan.edgeOf(6)).isZero();
        int total = 0;
        for (int edge = 0; edge < 6; edge++) {
            total += plan.connectionsTo(edge);
        }
        assertThat(total).isEqualTo(100_001);
        assertThat(plan.connectionsTo(0)).isEqualTo(16_667);
        assertThat(plan.connectionsTo(1)).isEqualTo(16_667);
        assertThat(plan.connectionsTo(5)).isEqualTo(16_666);
    }

    @Test
    void aGeneratorAboveTheOpenFileLimitIsRefusedNamingHowManyAreNeeded() {
        assertThatThrownBy(() -> new ScaleOutPlan(100_000, 6, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 6 generators");
        assertThat(ScaleOutPlan.generatorsNeeded(100_000)).isEqualTo(6);
        assertThat(ScaleOutPlan.generatorsNeeded(18_000)).isEqualTo(1);
        assertThat(ScaleOutPlan.generatorsNeeded(18_001)).isEqualTo(2);
    }

    @Test
    void eachGeneratorConnectsFromSourceAddressesOfItsOwn() {
        ScaleOutPlan plan = new ScaleOutPlan(36_000, 2, 2);

        assertThat(plan.firstSourceSlotOf(0)).isZero();
        assertThat(plan.firstSourceSlotOf(1)).isEqualTo(20_000); // four addresses of 5,000 hold its 18,000
        assertThat(SourceAddresses.forConnection(plan.firstSourceSlotOf(1)).getHostString())
                .isEqualTo("127.0.0.6");
    }
}
