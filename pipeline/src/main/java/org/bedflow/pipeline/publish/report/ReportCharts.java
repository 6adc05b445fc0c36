package org.bedflow.pipeline.publish.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.SimpleDateFormat;
import java.time.YearMonth;
import java.util.Calendar;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickMarkPosition;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Month;
import org.jfree.data.time.TimePeriodAnchor;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Monthly charts of the run report, drawn by JFreeChart on the server into inline SVG
 * (JFreeSVG): the page needs no script and fetches nothing. One series per chart; the
 * caller gives every area's chart of an indicator the same value range so that areas
 * compare at a glance. The last months can be shaded with a label: those not complete at
 * the run date ("provisional"), or those whose readmissions cannot all be known yet.
 */
public final class ReportCharts {

    /** How an indicator is drawn: counts as bars from zero, rates as lines. */
    public enum Kind { BAR, LINE }

    static final int WIDTH = 520;
    static final int HEIGHT = 240;
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color SHADE = new Color(0xF5, 0xB7, 0x00, 0x40);
    /** Inline SVG in HTML takes its namespace from the parser; the URIs would only look like fetches. */
    private static final Pattern NAMESPACES = Pattern.compile("\\s+xmlns(:\\w+)?=('[^']*'|\"[^\"]*\")");

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ReportCharts() {
    }

    /**
     * An inline {@code <svg>} element.
     *
     * @param id          unique in the page (prefixes the SVG's clip-path ids)
     * @param months      yyyy-MM, oldest first, one value each (null: no value, a gap)
     * @param yMax        upper end of the value axis (0 or less: automatic)
     * @param shaded      the trailing months to shade (oldest first; empty: none)
     * @param shadeLabel  what the shading means
     */
    public static String monthly(String id, String seriesName, List<String> months, List<? extends Number> values,
                                 Kind kind, String valueLabel, double yMax, boolean integerTicks, Color colour,
                                 List<String> shaded, String shadeLabel) {
        if (months.size() != values.size()) {
            throw new IllegalArgumentException("one value per month: " + months.size() + " months, " + values.size() + " values");
        }
        TimeSeries series = new TimeSeries(seriesName);
        for (int i = 0; i < months.size(); i++) {
            series.add(month(months.get(i)), values.get(i));
        }
        TimeSeriesCollection data = new TimeSeriesCollection(series, UTC);
        data.setXPosition(TimePeriodAnchor.MIDDLE); // a month's point in the middle of its bar
        JFreeChart chart = kind == Kind.BAR
                ? ChartFactory.createXYBarChart(null, null, true, valueLabel, data, PlotOrientation.VERTICAL, false, false, false)
                : ChartFactory.createTimeSeriesChart(null, null, valueLabel, data, false, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        if (kind == Kind.BAR) {
            XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
            bars.setBarPainter(new StandardXYBarPainter());
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
            bars.setMargin(0.2);
            bars.setSeriesPaint(0, colour);
        } else {
            XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
            lines.setSeriesPaint(0, colour);
            lines.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            lines.setSeriesShape(0, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
            plot.setRenderer(lines);
        }
        axes(plot, months, valueLabel, yMax, integerTicks);
        shade(plot, shaded, shadeLabel);
        return svg(chart, id);
    }

    /**
     * An inline {@code <svg>} of stacked monthly bars with a legend: one layer per series
     * (e.g. the delay bands), bottom first.
     *
     * @param layers  series name → one value per month (null: nothing), in stacking order
     * @param colours one colour per layer
     */
    public static String stacked(String id, List<String> months, LinkedHashMap<String, List<? extends Number>> layers,
                                 List<Color> colours, String valueLabel, double yMax, List<String> shaded,
                                 String shadeLabel) {
        TimeTableXYDataset data = new TimeTableXYDataset(UTC);
        data.setXPosition(TimePeriodAnchor.MIDDLE);
        for (var layer : layers.entrySet()) {
            if (layer.getValue().size() != months.size()) {
                throw new IllegalArgumentException("one value per month in layer " + layer.getKey());
            }
            for (int i = 0; i < months.size(); i++) {
                Number v = layer.getValue().get(i);
                data.add(month(months.get(i)), v == null ? 0 : v.doubleValue(), layer.getKey(), false);
            }
        }
        JFreeChart chart = ChartFactory.createXYBarChart(null, null, true, valueLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        StackedXYBarRenderer bars = new StackedXYBarRenderer(0.2);
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        for (int i = 0; i < colours.size(); i++) {
            bars.setSeriesPaint(i, colours.get(i));
        }
        plot.setRenderer(bars);
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(TICKS);
        legend.setPosition(RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        axes(plot, months, valueLabel, yMax, true);
        shade(plot, shaded, shadeLabel);
        return svg(chart, id);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(6, 2, 2, 8));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(GRID);
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    }

    private static void axes(XYPlot plot, List<String> months, String valueLabel, double yMax, boolean integerTicks) {
        DateAxis time = (DateAxis) plot.getDomainAxis();
        time.setTimeZone(UTC);
        time.setTickLabelFont(TICKS);
        time.setLowerMargin(0.01);
        time.setUpperMargin(0.01);
        if (!months.isEmpty()) {
            time.setRange(new Date(month(months.get(0)).getFirstMillisecond(Calendar.getInstance(UTC))),
                    new Date(month(months.get(months.size() - 1)).getLastMillisecond(Calendar.getInstance(UTC)) + 1));
        }
        // Locale.ENGLISH: Locale.UK's short September is "Sept", out of step with the other months
        SimpleDateFormat format = new SimpleDateFormat("MMM yy", Locale.ENGLISH);
        format.setTimeZone(UTC);
        time.setTickUnit(new DateTickUnit(DateTickUnitType.MONTH, monthStep(months.size()), format));
        time.setTickMarkPosition(DateTickMarkPosition.MIDDLE);

        NumberAxis value = (NumberAxis) plot.getRangeAxis();
        value.setLabel(valueLabel);
        value.setLabelFont(LABEL);
        value.setTickLabelFont(TICKS);
        if (integerTicks) {
            value.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.UK));
        }
        if (yMax > 0) {
            value.setRange(0, yMax);
        } else {
            value.setAutoRangeIncludesZero(true);
        }
    }

    private static void shade(XYPlot plot, List<String> shaded, String shadeLabel) {
        if (shaded.isEmpty()) {
            return;
        }
        var cal = Calendar.getInstance(UTC);
        IntervalMarker marker = new IntervalMarker(month(shaded.get(0)).getFirstMillisecond(cal),
                month(shaded.get(shaded.size() - 1)).getLastMillisecond(cal) + 1);
        marker.setPaint(SHADE);
        marker.setLabel(shadeLabel);
        marker.setLabelFont(TICKS);
        // the shaded months are the last ones: the label ends at the right edge and reads leftwards
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        marker.setLabelOffset(new RectangleInsets(2, 2, 2, 2));
        plot.addDomainMarker(marker, Layer.BACKGROUND);
    }

    private static final List<String> MONTH_NAMES = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
            "Sep", "Oct", "Nov", "Dec");

    /** 2020-09 → "Sep 2020": the one month format of the page's text (the axes say "Sep 20"). */
    static String monthLabel(String yyyyMm) {
        YearMonth m = YearMonth.parse(yyyyMm);
        return MONTH_NAMES.get(m.getMonthValue() - 1) + " " + m.getYear();
    }

    /** tick every 1, 2, 3, 6 or 12 months: about eight labels whatever the span */
    static int monthStep(int months) {
        for (int step : new int[] {1, 2, 3, 6, 12}) {
            if (months / step <= 9) {
                return step;
            }
        }
        return 12 * (1 + months / 108);
    }

    private static Month month(String yyyyMm) {
        YearMonth m = YearMonth.parse(yyyyMm);
        return new Month(m.getMonthValue(), m.getYear());
    }

    private static String svg(JFreeChart chart, String id) {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        g2.setDefsKeyPrefix(id + "-");
        g2.setGeomDoubleConverter(ReportCharts::twoDecimals);
        g2.setTransformDoubleConverter(ReportCharts::twoDecimals);
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        String element = g2.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, HEIGHT), null, null);
        return NAMESPACES.matcher(element).replaceAll("");
    }

    private static String twoDecimals(double d) {
        if (d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        String s = String.format(Locale.ROOT, "%.2f", d);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
