package io.wharf.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void userAndSystemTicksAreReadAfterACommandNameWithSpacesAndBrackets() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 91 0 0 0 1234 567 8 9 20 0 40 0 100 0 0";

        assertThat(ProcessCpu.utimePlusStime(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void thisProcessHasUsedCpuAndItOnlyGrows() {
        double before = ProcessCpu.seconds(ProcessHandle.current());
        long sum = 0;
        for (int i = 0; i < 50_000_000; i++) {
            sum += i % 7;
        }

        assertThat(sum).isPositive();
        assertThat(before).isPositive();
        assertThat(ProcessCpu.seconds(ProcessHandle.current())).isGreaterThanOrEqualTo(before);
    }
}
