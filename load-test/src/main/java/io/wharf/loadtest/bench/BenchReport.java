package io.wharf.loadtest.bench;

import java.util.List;

/**
 * Everything one benchmark run produced, as written to {@code bench.json}.
 *
 * @param command the command line that reproduces it
 * @param machine what it ran on
 * @param date when it started (UTC)
 */
record BenchReport(
    String command,
    String machine,
    String date,
    List<String> targets,
    List<StepResult> steps,
    List<IdleMemory.Reading> idleMemory,
    List<String> notes) {}
