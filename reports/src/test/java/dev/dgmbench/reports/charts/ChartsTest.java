package dev.dgmbench.reports.charts;

import org.junit.jupiter.api.Test;

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
}
