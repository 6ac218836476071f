package io.wharf.loadtest.bench;

import java.util.List;

/**
 * Everything one benchmark run produced, as written to {@code bench.json}.
 *
 * @param command the command line that reproduces it
 * @param machine what it ran on
 * @param load the machine's load average before and after: other work on the shared cores
 * @param date when it started (UTC)
 * @param problems brokers or readings that could not be measured
 */
record BenchReport(
        String command,
        String machine,
        String load,
        String date,
        List<String> targets,
        List<StepResult> steps,
        List<IdleMemory.Reading> idleMemory,
        List<String> problems) {}
