package io.wharf.loadtest.edges;

import io.wharf.loadtest.report.SvgChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The chart of a run: all edges' CPU per message in or out against the number of edges, a line per step. */
final class EdgesChart {

    private EdgesChart() {}

    static String render(EdgesResult result) {
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        for (StepFigures step : result.steps()) {
            double perMessage = step.edgeCpuMicrosPerMessage();
            if (!Double.isNaN(perMessage)) {
                lines.computeIfAbsent(step.step(), name -> new ArrayList<>())
                        .add(new double[] {step.edgeCount(), perMessage});
            }
        }
        SvgChart chart = SvgChart.linear("Edge CPU per message, all edges", "edges", "CPU µs per message in or out");
        lines.forEach(chart::add);
        return chart.render();
    }
}
