package org.bedflow.pipeline.publish.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * Two small inline SVG charts drawn by hand (no script, nothing fetched): financial-year
 * points with 95 % confidence whiskers, the areas side by side on one chart, and
 * horizontal grouped bars of categories. Both scale to their box (viewBox, width 100 %).
 * Every text is escaped.
 */
final class SvgCharts {

    static final int WIDTH = 520;

    /** One area's points: one value per category (null: no point, with {@code missing} as the reason). */
    public record Series(String name, Color colour, List<Double> values, List<Double> lower, List<Double> upper,
                  List<String> missing) {
    }

    private SvgCharts() {
    }

    /**
     * Points with whiskers from lower to upper, one group per category (financial year), one
     * point per series in the group; shaded categories get a tinted background and {@code shadeLabel}.
     */
    static String intervals(String id, List<String> categories, List<Series> series, String valueLabel,
                            List<Boolean> shaded, String shadeLabel) {
        int height = 250;
        int left = 58;
        int right = 10;
        int top = 30;
        int bottom = 36;
        double max = 0;
        for (Series s : series) {
            for (int i = 0; i < categories.size(); i++) {
                max = Math.max(max, nz(s.values().get(i)));
                max = Math.max(max, nz(s.upper().get(i)));
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / 4);
        double yMax = step * Math.max(1, Math.ceil(max / step));
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        StringBuilder svg = open(id, height);
        legend(svg, series, left);
        for (int t = 0; t * step <= yMax + 1e-9; t++) {
            double y = top + plotH - plotH * t * step / yMax;
            svg.append(line(left, y, WIDTH - right, y, "#dddddd"));
            svg.append(text(left - 6, y + 4, "end", 11, "#333333", tick(t * step)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" font-size=\"12\" fill=\"#333333\" "
                + "text-anchor=\"middle\" transform=\"rotate(-90 12 %.1f)\">%s</text>", top + plotH / 2, top + plotH / 2,
                esc(valueLabel)));
        double band = plotW / Math.max(1, categories.size());
        for (int c = 0; c < categories.size(); c++) {
            double x0 = left + c * band;
            if (shaded.get(c)) {
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"#f5b700\" fill-opacity=\"0.25\"/>", x0, top, band, plotH));
                svg.append(text(x0 + band / 2, top + 11, "middle", 10, "#6b4e00", shadeLabel));
            }
            svg.append(text(x0 + band / 2, height - bottom + 16, "middle", 11, "#333333", categories.get(c)));
            for (int s = 0; s < series.size(); s++) {
                Series ser = series.get(s);
                double x = x0 + band * (s + 1) / (series.size() + 1);
                String colour = hex(ser.colour());
                Double v = ser.values().get(c);
                if (v == null) {
                    String why = ser.missing().get(c);
                    svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"%s\" "
                            + "text-anchor=\"start\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>", x + 3, top + plotH - 4,
                            colour, x + 3, top + plotH - 4, esc(why)));
                    continue;
                }
                Double lo = ser.lower().get(c);
                Double hi = ser.upper().get(c);
                if (lo != null && hi != null) {
                    double y1 = top + plotH - plotH * lo / yMax;
                    double y2 = top + plotH - plotH * hi / yMax;
                    svg.append(line(x, y1, x, y2, colour, 1.6));
                    svg.append(line(x - 5, y1, x + 5, y1, colour, 1.6));
                    svg.append(line(x - 5, y2, x + 5, y2, colour, 1.6));
                }
                double y = top + plotH - plotH * v / yMax;
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y, colour));
            }
        }
        svg.append(line(left, top + plotH, WIDTH - right, top + plotH, "#888888"));
        return svg.append("</svg>").toString();
    }

    /**
     * Horizontal bars: one group per category, one bar per series, each bar labelled with its
     * value as a share and a count. {@code values} are shares in %, {@code labels} the texts at the bar ends.
     */
    static String bars(String id, List<String> categories, List<String> names, List<Color> colours,
                       List<List<Double>> values, List<List<String>> labels) {
        int labelW = 175;
        int right = 175;
        int barH = 11;
        int gap = 9;
        int top = 28;
        int group = names.size() * barH + gap;
        int height = top + categories.size() * group + 8;
        double max = 0;
        for (List<Double> v : values) {
            for (Double d : v) {
                max = Math.max(max, nz(d));
            }
        }
        double scale = (WIDTH - labelW - right) / (max <= 0 ? 1 : max);
        StringBuilder svg = open(id, height);
        for (int s = 0; s < names.size(); s++) {
            legendItem(svg, 8 + s * 240, names.get(s), colours.get(s));
        }
        for (int c = 0; c < categories.size(); c++) {
            double y0 = top + c * group;
            svg.append(text(labelW - 6, y0 + names.size() * barH / 2.0 + 4, "end", 11, "#333333",
                    shorten(categories.get(c), 28)));
            for (int s = 0; s < names.size(); s++) {
                double y = y0 + s * barH;
                Double v = values.get(s).get(c);
                double w = v == null ? 0 : v * scale;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>",
                        labelW, y, w, barH - 2, hex(colours.get(s))));
                svg.append(text(labelW + w + 4, y + barH - 3, "start", 10, "#333333", labels.get(s).get(c)));
            }
        }
        svg.append(line(labelW, top - 2, labelW, height - 6, "#888888"));
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg id=\"%s\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\">",
                esc(id), WIDTH, height, WIDTH, height));
    }

    private static void legend(StringBuilder svg, List<Series> series, int left) {
        for (int s = 0; s < series.size(); s++) {
            legendItem(svg, left + s * 220, series.get(s).name(), series.get(s).colour());
        }
    }

    private static void legendItem(StringBuilder svg, double x, String name, Color colour) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>", x,
                hex(colour)));
        svg.append(text(x + 17, 16, "start", 12, "#1d2733", shorten(name, 30)));
    }

    private static String line(double x1, double y1, double x2, double y2, String colour) {
        return line(x1, y1, x2, y2, colour, 1);
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"/>", x1, y1, x2, y2, colour, width);
    }

    private static String text(double x, double y, String anchor, int size, String colour, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" "
                + "text-anchor=\"%s\">%s</text>", x, y, size, colour, anchor, esc(s));
    }

    /** 1, 2, 2.5 or 5 × a power of ten, at least {@code raw} */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tick(double v) {
        return v == Math.rint(v) ? String.format(Locale.UK, "%,d", (long) v) : String.format(Locale.UK, "%.1f", v);
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
