package dev.dgmbench.reports.charts;

import dev.dgmbench.reports.analysis.Estimate;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Paint;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {
    static BufferedImage decode(Charts.Chart c) throws Exception {
        assertTrue(c.dataUri().startsWith("data:image/png;base64,"));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(c.dataUri().substring("data:image/png;base64,".length()))));
    }

    static void assertDrawn(BufferedImage img) {
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) for (int x = 0; x < img.getWidth(); x += 2) colours.add(img.getRGB(x, y));
        assertTrue(colours.size() > 10, "a chart, not a blank image: " + colours.size() + " colours");
    }

    @Test
    void errorBarsUseALogAxisForWideBetaRangesAndSkipUndefinedPoints() throws Exception {
        Map<String, List<Charts.Interval>> series = new LinkedHashMap<>();
        series.put("NLL", List.of(new Charts.Interval(0.01, 50, 49, 51), new Charts.Interval(0.1, 48, Double.NaN, Double.NaN),
                new Charts.Interval(10, 45, 44, 46), new Charts.Interval(1, Double.NaN, 0, 0)));
        assertDrawn(decode(Charts.errorBars("nll-re-kl", "wide", "beta", "nats", series)));
    }

    @Test
    void longTracesAreAveragedDown() throws Exception {
        double[] t = new double[10_000];
        for (int i = 0; i < t.length; i++) t[i] = Math.exp(-i / 2000.0);
        t[17] = Double.NaN;
        assertDrawn(decode(Charts.lines("energy-trace", "long", "step", "energy", Map.of("a", t))));
    }

    @Test
    void niceStepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertEquals(0.2, Charts.niceStep(0.16), 1e-12);
        assertEquals(0.5, Charts.niceStep(0.3), 1e-12);
        assertEquals(1.0, Charts.niceStep(0.7), 1e-12);
        assertEquals(20, Charts.niceStep(13), 1e-12);
    }

    private static Map<String, Estimate> onePoint(double... values) {
        return Map.of("beta=1.0", Estimate.of(values));
    }

    private static Paint paintOf(Charts.Chart c, String series) {
        XYPlot plot = c.chart().getXYPlot();
        XYItemRenderer r = plot.getRenderer();
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            if (plot.getDataset().getSeriesKey(i).equals(series)) return r.getSeriesPaint(i);
        }
        throw new AssertionError("no series " + series);
    }

    /** Langevin was orange where the prior came first and blue where it did not; now each sampler has one colour. */
    @Test
    void eachSamplerHasOneColourInEveryFigure() {
        Map<String, Map<String, Estimate>> all = new LinkedHashMap<>(), nceOnly = new LinkedHashMap<>();
        for (String s : List.of("prior", "langevin", "mala", "sir")) all.put(s, onePoint(1, 2, 3));
        for (String s : List.of("langevin", "mala")) nceOnly.put(s, onePoint(1, 2, 3));
        Charts.Chart a = Charts.pointsWithIntervals("sampler-metrics", "all", "y", List.of("beta=1.0"), all);
        Charts.Chart b = Charts.pointsWithIntervals("sampler-metrics", "nce", "y", List.of("beta=1.0"), nceOnly);
        Charts.Chart trace = Charts.lines("energy-trace", "t", "step", "energy",
                new LinkedHashMap<>(Map.of("mala", new double[]{1, 2}, "langevin", new double[]{2, 1})));
        for (String s : List.of("langevin", "mala")) {
            assertEquals(paintOf(a, s), paintOf(b, s), s + " in both sampler charts");
            assertEquals(paintOf(a, s), paintOf(trace, s), s + " in a line chart");
        }
        Set<Paint> samplerColours = new HashSet<>();
        for (String s : all.keySet()) samplerColours.add(paintOf(a, s));
        assertEquals(4, samplerColours.size(), "four samplers, four colours");
        // a series that is not a sampler never takes a sampler's colour
        Charts.Chart points = Charts.pointsWithIntervals("across-folders", "f", "y", List.of("beta=1.0"),
                new LinkedHashMap<>(Map.of("study", onePoint(1, 2), "#1 rerun", onePoint(1, 2))));
        assertTrue(!samplerColours.contains(paintOf(points, "study")) && !samplerColours.contains(paintOf(points, "#1 rerun")));
        assertEquals(new Color(0x1f77b4), paintOf(a, "langevin"));
    }

    /** A sampler that passed its diagnostics in every run (all ones) got ticks 1e-9 apart, each labelled 1E0. */
    @Test
    void aColumnOfEqualValuesHasReadableTicks() {
        Map<String, Map<String, Estimate>> ones = new LinkedHashMap<>();
        ones.put("langevin", onePoint(1, 1, 1));
        Charts.Chart auto = Charts.pointsWithIntervals("sampler-metrics", "auto", "y", List.of("beta=1.0"), ones);
        NumberAxis y = (NumberAxis) auto.chart().getXYPlot().getRangeAxis();
        assertTrue(y.getRange().getLength() >= 0.1, "range " + y.getRange());
        String tick = y.getTickUnit().valueToString(1.0);
        assertTrue(!tick.contains("E") && Double.parseDouble(tick) == 1.0, "tick label of 1: " + tick);
        assertTrue(y.getTickUnit().getSize() >= 0.005, "tick unit " + y.getTickUnit().getSize());

        Charts.Chart unit = Charts.pointsWithIntervals("sampler-metrics", "unit", "y", List.of("beta=1.0"), ones,
                Double.NaN, 0, 1);
        NumberAxis u = (NumberAxis) unit.chart().getXYPlot().getRangeAxis();
        assertTrue(u.getLowerBound() < 0 && u.getUpperBound() > 1 && u.getUpperBound() < 1.1, "0 to 1: " + u.getRange());
        assertEquals("1", u.getTickUnit().valueToString(1.0).replaceAll("\\.0+$", ""));
    }
}
