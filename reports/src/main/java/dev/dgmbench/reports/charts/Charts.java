package dev.dgmbench.reports.charts;

import dev.dgmbench.reports.analysis.Estimate;
import dev.dgmbench.reports.render.Png;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

/**
 * The report charts, drawn with JFreeChart and rendered to PNG (inline data URIs) and SVG (JFreeSVG). Every chart has a kind (used in the HTML
 * as {@code data-kind}) so tests and readers can find it.
 */
public final class Charts {
    public static final int WIDTH = 580, HEIGHT = 350;
    private static final BasicStroke SOLID = new BasicStroke(1.8f);
    private static final BasicStroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{6f, 4f}, 0f);

    static {
        Png.init();
    }

    /** A chart: its kind, title, and the PNG (as a data URI, for the self-contained page) and SVG drawings. */
    public record Chart(String kind, String title, JFreeChart chart, String dataUri) {
        public Map<String, Object> view() {
            return Map.of("kind", kind, "title", title, "src", dataUri);
        }

        public byte[] png() {
            return Png.encode(chart.createBufferedImage(WIDTH, HEIGHT));
        }

        /** The chart as SVG, a vector figure usable in LaTeX and on the web. */
        public String svg() {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            // hundredths of a pixel are finer than any screen or print shows, and a third of the file's size
            g.setGeomDoubleConverter(v -> Double.toString(Math.round(v * 100) / 100.0));
            // ids from the title, not the clock: the same results give the same bytes, and figures still differ
            g.setDefsKeyPrefix("_" + Integer.toHexString(title.hashCode()));
            chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            return g.getSVGDocument();
        }
    }

    /** A series of a loss-curve chart: mean training and validation loss per epoch. */
    public record Curve(String name, double[] epochs, double[] train, double[] val) {
    }

    /** A point with an interval, for error-bar charts. */
    public record Interval(double x, double mean, double low, double high) {
    }

    private Charts() {
    }

    public static Chart lossCurves(String title, List<Curve> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Curve c : curves) {
            XYSeries train = new XYSeries(c.name() + " train", false, true);
            XYSeries val = new XYSeries(c.name() + " validation", false, true);
            for (int i = 0; i < c.epochs().length; i++) {
                if (Double.isFinite(c.train()[i])) train.add(c.epochs()[i], c.train()[i]);
                if (Double.isFinite(c.val()[i])) val.add(c.epochs()[i], c.val()[i]);
            }
            data.addSeries(train);
            data.addSeries(val);
        }
        XYLineAndShapeRenderer r = lines();
        for (int i = 0; i < curves.size(); i++) {
            Paint colour = SeriesColours.of(curves.get(i).name(), i);
            r.setSeriesPaint(2 * i, colour);
            r.setSeriesPaint(2 * i + 1, colour);
            r.setSeriesStroke(2 * i, SOLID);
            r.setSeriesStroke(2 * i + 1, DASHED);
        }
        NumberAxis x = new NumberAxis("epoch");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("loss per image (nats)");
        y.setAutoRangeIncludesZero(false);
        return render("loss-curves", title, new XYPlot(data, x, y, r));
    }

    /** Mean with interval against x, one series per entry, with error bars; log x axis when x spans a factor >= 10. */
    public static Chart errorBars(String kind, String title, String xLabel, String yLabel, Map<String, List<Interval>> series) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, List<Interval>> e : series.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey(), true, true);
            for (Interval p : e.getValue()) {
                if (!Double.isFinite(p.mean()) || !Double.isFinite(p.x())) continue;
                double lo = Double.isFinite(p.low()) ? p.low() : p.mean(), hi = Double.isFinite(p.high()) ? p.high() : p.mean();
                s.add(p.x(), p.mean(), lo, hi);
                minX = Math.min(minX, p.x());
                maxX = Math.max(maxX, p.x());
            }
            data.addSeries(s);
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        r.setCapLength(6);
        r.setErrorStroke(new BasicStroke(1.2f));
        int i = 0;
        for (String name : series.keySet()) {
            r.setSeriesPaint(i, SeriesColours.of(name, i));
            r.setSeriesStroke(i++, SOLID);
        }
        ValueAxis x;
        if (minX > 0 && maxX / minX >= 10) {
            LogAxis log = new LogAxis(xLabel);
            log.setBase(10);
            log.setNumberFormatOverride(new DecimalFormat("0.###"));
            log.setSmallestValue(minX / 2);
            log.setLowerBound(minX / 1.5);
            log.setUpperBound(maxX * 1.5);
            x = log;
        } else {
            NumberAxis lin = new NumberAxis(xLabel);
            lin.setAutoRangeIncludesZero(false);
            double pad = maxX > minX ? (maxX - minX) * 0.08 : Math.max(0.1, Math.abs(minX) * 0.1);
            if (Double.isFinite(minX)) {
                lin.setRange(minX - pad, maxX + pad);
                lin.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(niceStep((maxX - minX + 2 * pad) / 6)));
            }
            x = lin;
        }
        return render(kind, title, new XYPlot(data, x, valueAxis(yLabel, data), r));
    }

    /**
     * Means with their (possibly asymmetric) interval as error bars: one position per category on the x axis, one
     * series per entry, shifted slightly apart. Points rather than bars, so the value axis need not start at zero and
     * small differences stay visible.
     */
    public static Chart pointsWithIntervals(String kind, String title, String yLabel, List<String> categories,
                                     Map<String, Map<String, Estimate>> seriesByName) {
        return pointsWithIntervals(kind, title, yLabel, categories, seriesByName, Double.NaN);
    }

    /** As above, with a reference line at {@code reference} (e.g. 1 for ratios; NaN: none). */
    public static Chart pointsWithIntervals(String kind, String title, String yLabel, List<String> categories,
                                     Map<String, Map<String, Estimate>> seriesByName, double reference) {
        return pointsWithIntervals(kind, title, yLabel, categories, seriesByName, reference, Double.NaN, Double.NaN);
    }

    /**
     * As above, with the value axis fixed to {@code [lower, upper]} (e.g. 0 and 1 for a share or a 1/0 verdict, so a
     * column of ones is drawn at the top of its range, not as a line in the middle of a 1e-8-wide axis); NaN: auto.
     */
    public static Chart pointsWithIntervals(String kind, String title, String yLabel, List<String> categories,
                                     Map<String, Map<String, Estimate>> seriesByName, double reference,
                                     double lower, double upper) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        int k = 0, n = seriesByName.size();
        for (Map.Entry<String, Map<String, Estimate>> s : seriesByName.entrySet()) {
            YIntervalSeries series = new YIntervalSeries(s.getKey(), false, true);
            double shift = n == 1 ? 0 : 0.3 * (k - (n - 1) / 2.0) / (n - 1);
            for (int c = 0; c < categories.size(); c++) {
                Estimate e = s.getValue().get(categories.get(c));
                if (e == null || !Double.isFinite(e.mean())) continue;
                boolean ci = Double.isFinite(e.ciLow()) && Double.isFinite(e.ciHigh());
                series.add(c + shift, e.mean(), ci ? e.ciLow() : e.mean(), ci ? e.ciHigh() : e.mean());
            }
            data.addSeries(series);
            k++;
        }
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(false);
        r.setDefaultShapesVisible(true);
        r.setCapLength(5);
        int i = 0;
        for (String name : seriesByName.keySet()) r.setSeriesPaint(i, SeriesColours.of(name, i++));
        SymbolAxis x = new SymbolAxis(null, categories.toArray(String[]::new));
        x.setGridBandsVisible(false);
        x.setRange(-0.5, categories.size() - 0.5);
        if (categories.size() > 3) x.setVerticalTickLabels(true);
        NumberAxis y = valueAxis(yLabel, data);
        if (Double.isFinite(lower) && Double.isFinite(upper)) {
            double pad = (upper - lower) * 0.03;
            y.setRange(lower - pad, upper + pad);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        if (Double.isFinite(reference)) plot.addRangeMarker(new ValueMarker(reference, Color.BLACK, new BasicStroke(1.2f)));
        return render(kind, title, plot);
    }

    /** Plain bars (e.g. speed-ups) with a reference line at {@code reference}. */
    public static Chart bars(String kind, String title, String yLabel, List<String> categories,
                      Map<String, Map<String, Double>> seriesByName, double reference) {
        CategoryPlot plot = barPlot(yLabel, categories, seriesByName, new BarRenderer());
        plot.addRangeMarker(new ValueMarker(reference, Color.BLACK, new BasicStroke(1.2f)));
        return render(kind, title, plot);
    }

    /** Bars of the series stacked per category (parts of a whole, e.g. the steps of a run's time). */
    public static Chart stackedBars(String kind, String title, String yLabel, List<String> categories,
                             Map<String, Map<String, Double>> seriesByName) {
        return render(kind, title, barPlot(yLabel, categories, seriesByName, new StackedBarRenderer()));
    }

    private static CategoryPlot barPlot(String yLabel, List<String> categories, Map<String, Map<String, Double>> seriesByName,
                                        BarRenderer r) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, Map<String, Double>> s : seriesByName.entrySet()) {
            for (String c : categories) {
                Double v = s.getValue().get(c);
                if (v != null && Double.isFinite(v)) data.addValue(v, s.getKey(), c);
            }
        }
        styleBars(r, List.copyOf(seriesByName.keySet()));
        CategoryAxis x = new CategoryAxis(null);
        if (categories.size() > 4) x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelLines(3);
        CategoryPlot plot = new CategoryPlot(data, x, new NumberAxis(yLabel), r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        return plot;
    }

    /** Lines of y against step index, long series averaged down to at most 600 points. */
    public static Chart lines(String kind, String title, String xLabel, String yLabel, Map<String, double[]> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[] v = e.getValue();
            int bucket = Math.max(1, (v.length + 599) / 600);
            for (int i = 0; i < v.length; i += bucket) {
                double sum = 0;
                int n = 0;
                for (int j = i; j < Math.min(v.length, i + bucket); j++) {
                    if (Double.isFinite(v[j])) {
                        sum += v[j];
                        n++;
                    }
                }
                if (n > 0) s.add(i + (Math.min(v.length, i + bucket) - i - 1) / 2.0, sum / n);
            }
            data.addSeries(s);
        }
        XYLineAndShapeRenderer r = lines();
        int i = 0;
        for (String name : series.keySet()) {
            r.setSeriesPaint(i, SeriesColours.of(name, i));
            r.setSeriesStroke(i++, new BasicStroke(1.4f));
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = valueAxis(yLabel, data);
        return render(kind, title, new XYPlot(data, x, y, r));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    public static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[]{1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    /** Lines without markers, each series drawn as one path (an SVG element per series, not per segment). */
    private static XYLineAndShapeRenderer lines() {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    private static void styleBars(BarRenderer r, List<String> names) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setItemMargin(0.05);
        r.setMaximumBarWidth(0.12);
        for (int i = 0; i < names.size(); i++) r.setSeriesPaint(i, SeriesColours.of(names.get(i), i));
    }

    /**
     * A value axis that never shrinks to a sliver: JFreeChart's smallest auto range is 1e-8, so a series of equal
     * values got ticks 1e-9 apart, all labelled {@code 1E0}. At least a tenth of the values' magnitude (1 around 0).
     */
    static NumberAxis valueAxis(String label, org.jfree.data.xy.XYDataset data) {
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        double magnitude = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                double v = data.getYValue(s, i);
                if (Double.isFinite(v)) magnitude = Math.max(magnitude, Math.abs(v));
            }
        }
        y.setAutoRangeMinimumSize(magnitude > 0 ? magnitude / 10 : 1);
        return y;
    }

    private static Chart render(String kind, String title, org.jfree.chart.plot.Plot plot) {
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(title, new Font("SansSerif", Font.BOLD, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.LIGHT_GRAY);
        Color grid = new Color(0xdddddd);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(grid);
            xy.setRangeGridlinePaint(grid);
        } else if (plot instanceof CategoryPlot cp) {
            cp.setRangeGridlinePaint(grid);
        }
        if (chart.getLegend() != null) chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        BufferedImage img = chart.createBufferedImage(WIDTH, HEIGHT);
        return new Chart(kind, title, chart, Png.dataUri(img));
    }
}
