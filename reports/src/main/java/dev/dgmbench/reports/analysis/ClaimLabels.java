package dev.dgmbench.reports.analysis;

import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.ClaimResult;

/** How every report names a claim's parts: the effect size's type, the groups and the metric compared. */
public final class ClaimLabels {
    private ClaimLabels() {
    }

    /** The effect size's type for a reader ({@code hedges_g} -> "Hedges' g"); the recorded name when unknown. */
    public static String effectType(String effectName) {
        if (effectName == null || effectName.isBlank()) return "effect";
        return switch (effectName) {
            case "hedges_g" -> "Hedges' g";
            case "cliffs_delta" -> "Cliff's delta";
            default -> effectName;
        };
    }

    /** "Hedges' g = -19.36", "n/a" when there is no effect size. */
    public static String effect(ClaimResult c) {
        if (Double.isNaN(c.effectSize())) return "n/a";
        return effectType(c.effectName()) + " = " + NumberFormats.num(c.effectSize());
    }

    /** A group's selector, e.g. {@code model.beta=1.0}, or "n/a". */
    public static String group(ClaimResult.GroupEvidence g) {
        return g == null || g.label() == null || g.label().isBlank() ? "n/a" : g.label();
    }

    /** A group's size, 0 without evidence. */
    public static int n(ClaimResult.GroupEvidence g) {
        return g == null ? 0 : g.n();
    }
}
