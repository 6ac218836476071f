package io.wharf.loadtest.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run produced, as written to {@code bench.json}.
 *
 * @param command the command line that reproduces it
 * @param machine what it ran on
 * @param load the machine's load average before and after: other work on the shared cores
 * @param date when it started (UTC)
 * @param rounds measured rounds of each step; a discarded warm-up ran before them if {@code warmUp}
 * @param guarantees what an acknowledged message survives, per target
 * @param idleCpu each broker's CPU with no traffic
 * @param problems brokers or readings that could not be measured
 */
record BenchReport(
        String command,
        String machine,
        String load,
        String date,
        List<String> targets,
        int rounds,
        boolean warmUp,
        Map<String, String> guarantees,
        List<StepResult> steps,
        List<IdleCpu.Reading> idleCpu,
        List<IdleMemory.Reading> idleMemory,
        List<String> problems) {}
