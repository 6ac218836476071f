package io.wharf.loadtest.bench;

import io.wharf.loadtest.report.Html;
import java.util.List;
import java.util.Locale;

/**
 * The picture of a run: one bar per target of the issue, Wharf's figure against the target's limit
 * (1.0 is the limit; right of it is met), as a standalone SVG that BENCHMARKS.md and bench.html
 * show.
 */
final class BenchChart {

    private static final int LABEL_WIDTH = 620;
    private static final int BAR_WIDTH = 360;
    private static final int ROW = 22;
    private static final int TOP = 40;
    /** Scores are drawn on a log scale from 1/8 to 8 times the limit; beyond, the bar stops at the edge. */
    private static final double RANGE = 8;

    private BenchChart() {}

    static String svg(List<TargetChecks.Check> checks, String subtitle) {
        int height = TOP + checks.size() * ROW + 30;
        int width = LABEL_WIDTH + BAR_WIDTH + 80;
        double middle = LABEL_WIDTH + BAR_WIDTH / 2.0;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>\n",
                width,
                height));
        svg.append("<rect width='100%' height='100%' fill='white'/>\n");
        svg.append(text(
                10,
                18,
                "Wharf against the targets of issue 10 (bar: Wharf / limit, log scale; right of 1.0 is met)",
                "bold"));
        svg.append(text(10, 33, subtitle, "normal"));
        for (double mark : new double[] {0.125, 0.25, 0.5, 1, 2, 4, 8}) {
            double x = x(mark);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1='%.1f' y1='%d' x2='%.1f' y2='%d' stroke='%s'/>\n",
                    x,
                    TOP - 4,
                    x,
                    TOP + checks.size() * ROW,
                    mark == 1 ? "#000" : "#ddd"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' text-anchor='middle' fill='#555'>%s</text>\n",
                    x,
                    TOP + checks.size() * ROW + 15,
                    mark < 1 ? "1/" + (int) Math.round(1 / mark) : Integer.toString((int) mark)));
        }
        for (int i = 0; i < checks.size(); i++) {
            TargetChecks.Check check = checks.get(i);
            int y = TOP + i * ROW;
            svg.append(text(10, y + 15, check.target(), "normal"));
            if (check.score() == null) {
                svg.append(String.format(
                        Locale.ROOT, "<text x='%.1f' y='%d' fill='#888'>not measured</text>\n", middle + 5, y + 15));
                continue;
            }
            double end = x(check.score());
            boolean met = check.score() >= 1;
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x='%.1f' y='%d' width='%.1f' height='%d' fill='%s'/>\n",
                    Math.min(middle, end),
                    y + 4,
                    Math.abs(end - middle),
                    ROW - 8,
                    met ? "#2ca02c" : "#d62728"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d'>%s</text>\n",
                    LABEL_WIDTH + BAR_WIDTH + 8,
                    y + 15,
                    Double.isInfinite(check.score()) ? "∞" : String.format(Locale.ROOT, "%.2f×", check.score())));
        }
        return svg.append("</svg>\n").toString();
    }

    private static double x(double score) {
        double clamped = Math.max(1 / RANGE, Math.min(RANGE, score));
        double position = Math.log(clamped) / Math.log(RANGE); // -1 .. 1
        return LABEL_WIDTH + BAR_WIDTH / 2.0 * (1 + position);
    }

    private static String text(int x, int y, String content, String weight) {
        return String.format(
                Locale.ROOT, "<text x='%d' y='%d' font-weight='%s'>%s</text>\n", x, y, weight, Html.escape(content));
    }
}
