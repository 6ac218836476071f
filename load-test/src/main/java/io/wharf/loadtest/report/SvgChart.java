package io.wharf.loadtest.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * A line chart as inline SVG, with no script and no library, so that a report is one file that
 * any browser shows. The x axis is linear or the HdrHistogram percentile scale.
 */
public final class SvgChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 30;
    private static final int BOTTOM = 45;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean percentileAxis;
    private final List<Series> series = new ArrayList<>();

    private SvgChart(String title, String xLabel, String yLabel, boolean percentileAxis) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.percentileAxis = percentileAxis;
    }

    /** A latency-by-percentile chart: x from 0% to 99.999% on a 1/(1-p) log scale. */
    static SvgChart percentiles(String title) {
        return new SvgChart(title, "percentile", "latency (ms)", true);
    }

    public static SvgChart linear(String title, String xLabel, String yLabel) {
        return new SvgChart(title, xLabel, yLabel, false);
    }

    /** Adds a line; points are {x, y} (for a percentile chart, x is the percentile 0-100). */
    public SvgChart add(String name, List<double[]> points) {
        series.add(new Series(name, points));
        return this;
    }

    public String render() {
        DoubleUnaryOperator xValue = percentileAxis ? SvgChart::percentilePosition : x -> x;
        double xMax = percentileAxis ? percentilePosition(99.999) : 0;
        double yMax = 0;
        for (Series line : series) {
            for (double[] point : line.points) {
                if (!percentileAxis) {
                    xMax = Math.max(xMax, point[0]);
                }
                yMax = Math.max(yMax, point[1]);
            }
        }
        xMax = xMax <= 0 ? 1 : xMax;
        yMax = niceCeiling(yMax);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double xScale = plotWidth / xMax;
        double yScale = plotHeight / yMax;
        StringBuilder svg = new StringBuilder();
        svg.append(format(
                "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='11'>%n",
                WIDTH, HEIGHT));
        svg.append(
                format("<text x='%d' y='16' font-size='13' font-weight='bold'>%s</text>%n", LEFT, Html.escape(title)));
        svg.append(format(
                "<rect x='%d' y='%d' width='%.0f' height='%.0f' fill='none' stroke='#999'/>%n",
                LEFT, TOP, plotWidth, plotHeight));
        for (int i = 0; i <= 4; i++) {
            double value = yMax * i / 4;
            double y = TOP + plotHeight - value * yScale;
            svg.append(format(
                    "<line x1='%d' x2='%.0f' y1='%.1f' y2='%.1f' stroke='#eee'/>", LEFT, LEFT + plotWidth, y, y));
            svg.append(format("<text x='%d' y='%.1f' text-anchor='end'>%s</text>%n", LEFT - 5, y + 4, number(value)));
        }
        for (double[] tick : xTicks(xMax)) {
            double x = LEFT + tick[0] * xScale;
            svg.append(
                    format("<line x1='%.1f' x2='%.1f' y1='%d' y2='%.0f' stroke='#eee'/>", x, x, TOP, TOP + plotHeight));
            String label = percentileAxis
                    ? BigDecimal.valueOf(tick[1]).stripTrailingZeros().toPlainString() + "%"
                    : number(tick[1]);
            svg.append(format(
                    "<text x='%.1f' y='%.0f' text-anchor='middle'>%s</text>%n", x, TOP + plotHeight + 15, label));
        }
        svg.append(format(
                "<text x='%.0f' y='%d' text-anchor='middle'>%s</text>%n",
                LEFT + plotWidth / 2, HEIGHT - 8, Html.escape(xLabel)));
        svg.append(format(
                "<text x='14' y='%.0f' transform='rotate(-90 14 %.0f)' text-anchor='middle'>%s</text>%n",
                TOP + plotHeight / 2, TOP + plotHeight / 2, Html.escape(yLabel)));
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            String colour = COLOURS[s % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] point : line.points) {
                double x = LEFT + Math.min(xValue.applyAsDouble(point[0]), xMax) * xScale;
                double y = TOP + plotHeight - Math.min(point[1], yMax) * yScale;
                path.append(path.length() == 0 ? "M" : " L").append(format("%.1f %.1f", x, y));
            }
            if (path.length() > 0) {
                svg.append(format("<path d='%s' fill='none' stroke='%s' stroke-width='1.8'/>%n", path, colour));
            }
            double legendY = TOP + 12 + s * 16;
            svg.append(format(
                    "<line x1='%.0f' x2='%.0f' y1='%.0f' y2='%.0f' stroke='%s' stroke-width='3'/>",
                    LEFT + plotWidth + 10, LEFT + plotWidth + 28, legendY - 4, legendY - 4, colour));
            svg.append(format(
                    "<text x='%.0f' y='%.0f'>%s</text>%n", LEFT + plotWidth + 32, legendY, Html.escape(line.name)));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Position of a percentile on HdrHistogram's axis: log10 of 1/(1-p). */
    static double percentilePosition(double percentile) {
        return Math.log10(100.0 / Math.max(100.0 - percentile, 1e-4));
    }

    private List<double[]> xTicks(double xMax) {
        List<double[]> ticks = new ArrayList<>();
        if (percentileAxis) {
            for (double percentile : new double[] {0, 90, 99, 99.9, 99.99, 99.999}) {
                ticks.add(new double[] {percentilePosition(percentile), percentile});
            }
        } else {
            double step = niceCeiling(xMax / 5);
            for (double x = 0; x <= xMax + 1e-9; x += step) {
                ticks.add(new double[] {x, x});
            }
        }
        return ticks;
    }

    /** The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private record Series(String name, List<double[]> points) {}
}
