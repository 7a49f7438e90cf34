package dev.dgmbench.reports.charts;

import dev.dgmbench.reports.analysis.MetricNames;

import java.awt.Color;
import java.awt.Paint;
import java.util.List;

/**
 * The one palette of the figures: each sampler has its own colour in every figure (Langevin is always blue), and
 * other series (grid points, metrics, folders) take the remaining colours in order, so none looks like a sampler.
 */
public final class SeriesColours {
    /** Colours of the samplers, in the catalogue's sampler order (prior, langevin, mala, sir). */
    static final List<Color> SAMPLERS = List.of(new Color(0x7f7f7f), new Color(0x1f77b4), new Color(0xff7f0e),
            new Color(0x2ca02c));
    /** Colours of everything else, never a sampler's. */
    static final List<Color> OTHERS = List.of(new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b),
            new Color(0xe377c2), new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0xad494a));

    private SeriesColours() {
    }

    /** The colour of series {@code name}, the {@code index}-th of its figure. */
    public static Paint of(String name, int index) {
        int s = MetricNames.SAMPLER_ORDER.indexOf(name);
        if (s >= 0 && s < SAMPLERS.size()) return SAMPLERS.get(s);
        return OTHERS.get(index % OTHERS.size());
    }
}
