package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.analysis.ClaimLabels;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.ClaimResult;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The claims as a console table: verdict, expectation, metric, the two groups' means with intervals, the one-sided
 * p-value and its multiplicity-adjusted value (formatted as in the reports), the effect size with its type, n per group; under each row the groups'
 * selectors and the test, so no column is unlabelled.
 */
final class ClaimsTable {
    private static final String ROW = "%-44s %-13s %-13s %-16s %-26s %-26s %11s %11s %-22s %7s%n";

    private ClaimsTable() {
    }

    static void print(PrintStream out, List<ClaimResult> claims) {
        if (claims.isEmpty()) {
            out.println("(no claims in this spec)");
            return;
        }
        out.printf(ROW, "claim", "verdict", "expected", "metric", "A: mean [95% CI]", "B: mean [95% CI]",
                "p (1-sided)", "p adjusted", "effect size (type)", "n A/B");
        for (ClaimResult c : claims) {
            out.printf(ROW, c.id(), c.verdict(), c.expected() == null ? "-" : c.expected(), text(c.metric()),
                    mean(c.a()), mean(c.b()), Double.isNaN(c.pValue()) ? "-" : NumberFormats.p(c.pValue()),
                    Double.isNaN(c.pAdjusted()) ? "-" : NumberFormats.p(c.pAdjusted()),
                    effect(c), ClaimLabels.n(c.a()) + "/" + ClaimLabels.n(c.b()));
            out.println("    A = " + ClaimLabels.group(c.a()) + ", B = " + ClaimLabels.group(c.b()) + "; claimed "
                    + text(c.direction()) + " by " + text(c.test()) + " at alpha " + c.alpha() + opposite(c));
            if (c.note() != null && !c.note().isBlank()) out.println("    note: " + c.note());
            for (String w : c.warnings()) out.println("    WARNING: " + w);
        }
        ClaimResult first = claims.get(0);
        out.println("p: one-sided in the claimed direction; p adjusted: " + first.correction() + "-adjusted over "
                + first.family() + " tests (verdicts use it)");
    }

    /** "Hedges' g = -19.36": the type in every row, so Hedges' g and Cliff's delta are never mixed unlabelled. */
    static String effect(ClaimResult c) {
        return Double.isNaN(c.effectSize()) ? "-" : ClaimLabels.effect(c);
    }

    /** A REFUTED verdict rests on the opposite direction's p: shown beside the claimed direction's. */
    private static String opposite(ClaimResult c) {
        if (c.verdict() != ClaimResult.Verdict.REFUTED) return "";
        return "; refuted on the opposite direction's p = " + NumberFormats.p(c.pOpposite()) + ", adjusted "
                + NumberFormats.p(c.pOppositeAdjusted());
    }

    private static String mean(ClaimResult.GroupEvidence g) {
        if (g == null || g.n() == 0) return "-";
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", g.mean(), g.ciLow(), g.ciHigh());
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
