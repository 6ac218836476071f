package io.wharf.loadtest.report;

import io.wharf.loadtest.measure.Measurements;
import io.wharf.loadtest.scenario.ScenarioResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page for a set of runs: per scenario, a table of the figures of every
 * broker, the latency-by-percentile curves (HdrHistogram's scale) and the delivery rate over time.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /**
     * @param preamble HTML put before the scenarios (for example the benchmark's ratio table); may be
     *     empty
     */
    public static String render(String title, String preamble, List<ScenarioResult> results) {
        Map<String, List<ScenarioResult>> byScenario = new LinkedHashMap<>();
        for (ScenarioResult result : results) {
            byScenario
                    .computeIfAbsent(result.scenario(), key -> new ArrayList<>())
                    .add(result);
        }
        return render(title, preamble, byScenario);
    }

    /** The same page with the runs in sections of their own naming, e.g. a benchmark's steps. */
    public static String render(String title, String preamble, Map<String, List<ScenarioResult>> sections) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>")
                .append(Html.escape(title))
                .append("</title>\n")
                .append(
                        "<style>body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
                .append(
                        "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f4f4f4}td:first-child{text-align:left}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}</style></head><body>\n")
                .append("<h1>")
                .append(Html.escape(title))
                .append("</h1>\n")
                .append(preamble);
        sections.forEach((section, runs) -> html.append(section(section, runs)));
        html.append("</body></html>\n");
        return html.toString();
    }

    private static String section(String scenario, List<ScenarioResult> runs) {
        StringBuilder html =
                new StringBuilder("<h2>").append(Html.escape(scenario)).append("</h2>\n");
        html.append(
                        "<table><tr><th>target</th><th>connections</th><th>published</th><th>acked/s</th><th>delivered</th><th>expected</th>")
                .append(
                        "<th>missing</th><th>extra</th><th>errors</th><th>delivered/s</th><th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th><th>other figures</th></tr>\n");
        for (ScenarioResult run : runs) {
            html.append("<tr><td>")
                    .append(Html.escape(run.target()))
                    .append("</td>")
                    .append(cell(run.connections()))
                    .append(cell(run.published()))
                    .append(cell(run.acknowledgedPerSecond()))
                    .append(cell(run.delivered()))
                    .append(cell(run.expected()))
                    .append(cell(run.missing()))
                    .append(cell(run.extra()))
                    .append("<td>")
                    .append(Html.escape(
                            run.errors().isEmpty() ? "0" : run.errors().toString()))
                    .append("</td>")
                    .append(cell(run.deliveredPerSecond()))
                    .append(cell(run.latencyMs().get("p50")))
                    .append(cell(run.latencyMs().get("p99")))
                    .append(cell(run.latencyMs().get("p99.9")))
                    .append(cell(run.latencyMs().get("max")))
                    .append("<td style='text-align:left'>")
                    .append(Html.escape(run.figures().toString()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<div class='charts'>\n");
        SvgChart latency = SvgChart.percentiles(scenario + ": latency by percentile");
        SvgChart rate = SvgChart.linear(scenario + ": deliveries per second", "seconds", "messages/s");
        SvgChart p99 = SvgChart.linear(scenario + ": p99 latency per second", "seconds", "ms");
        for (ScenarioResult run : runs) {
            latency.add(run.target(), run.percentileCurve());
            List<double[]> rates = new ArrayList<>();
            List<double[]> tails = new ArrayList<>();
            for (Measurements.Sample sample : run.timeline()) {
                rates.add(new double[] {
                    sample.atSeconds(),
                    sample.deliveredPerSecond() > 0 ? sample.deliveredPerSecond() : sample.acknowledgedPerSecond()
                });
                tails.add(new double[] {sample.atSeconds(), sample.p99Micros() / 1000.0});
            }
            rate.add(run.target(), rates);
            p99.add(run.target(), tails);
        }
        boolean timed = runs.stream().anyMatch(run -> run.latencyCount() > 0);
        html.append(timed ? latency.render() : "")
                .append(rate.render())
                .append(timed ? p99.render() : "")
                .append("</div>\n");
        return html.toString();
    }

    private static String cell(Number value) {
        if (value == null) {
            return "<td></td>";
        }
        String text = value instanceof Double || value instanceof Float
                ? String.format(Locale.ROOT, value.doubleValue() >= 100 ? "%,.0f" : "%.2f", value.doubleValue())
                : String.format(Locale.ROOT, "%,d", value.longValue());
        return "<td>" + text + "</td>";
    }
}
