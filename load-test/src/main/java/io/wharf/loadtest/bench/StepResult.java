package io.wharf.loadtest.bench;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.wharf.loadtest.scenario.ScenarioResult;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One step of the benchmark against one target: its measured rounds (a warm-up run before them is
 * discarded), each figure as the median of the rounds with their spread.
 *
 * @param warmUp what became of the discarded warm-up run: "discarded", "none", or its failure
 */
record StepResult(String label, String description, String target, String warmUp, List<RoundResult> rounds) {

    Spread throughput() {
        return spread(RoundResult::throughput);
    }

    Spread p50() {
        return spread(RoundResult::p50);
    }

    Spread p99() {
        return spread(RoundResult::p99);
    }

    Spread ackP50() {
        return spread(RoundResult::ackP50);
    }

    Spread ackP99() {
        return spread(RoundResult::ackP99);
    }

    Spread brokerCpuMicrosPerMessage() {
        return spread(RoundResult::brokerCpuMicrosPerMessage);
    }

    Spread brokerCorePercent() {
        return spread(RoundResult::brokerCorePercent);
    }

    Spread clientCpuSeconds() {
        return spread(round -> round.result() == null ? null : round.clientCpuSeconds());
    }

    Spread spread(Function<RoundResult, Double> figure) {
        return Spread.of(rounds.stream().map(figure).toList());
    }

    String throughputUnit() {
        return rounds.stream()
                .map(RoundResult::throughputUnit)
                .filter(unit -> !unit.isEmpty())
                .findFirst()
                .orElse("");
    }

    /** The first round's failure; null when every round ran. */
    @JsonProperty
    String failure() {
        return rounds.stream()
                .map(RoundResult::failure)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    /** The most expected deliveries any round missed; -1 when no round ran. */
    @JsonProperty
    long missing() {
        return rounds.stream()
                .map(RoundResult::result)
                .filter(Objects::nonNull)
                .mapToLong(ScenarioResult::missing)
                .max()
                .orElse(-1);
    }

    /** The round whose headline figure is the median (the one the report's curves show); null if none ran. */
    ScenarioResult medianRound() {
        List<RoundResult> ran = rounds.stream()
                .filter(round -> round.throughput() != null)
                .sorted(Comparator.comparing(RoundResult::throughput))
                .toList();
        return ran.isEmpty() ? null : ran.get((ran.size() - 1) / 2).result();
    }
}
