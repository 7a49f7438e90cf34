package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;

import java.io.PrintStream;
import java.util.List;

/** The claims as a console table: verdict, expectation, group means with intervals, p-value, effect, n. */
final class ClaimsTable {
    private ClaimsTable() {
    }

    static void print(PrintStream out, List<ClaimResult> claims) {
        if (claims.isEmpty()) {
            out.println("(no claims in this spec)");
            return;
        }
        String fmt = "%-44s %-13s %-13s %-30s %-30s %9s %9s %8s %5s%n";
        out.printf(fmt, "claim", "verdict", "expected", "group A mean [95% CI]", "group B mean [95% CI]", "p",
                "p adj", "effect", "n");
        for (ClaimResult c : claims) {
            out.printf(fmt, c.id(), c.verdict(), c.expected() == null ? "-" : c.expected(), group(c.a()), group(c.b()),
                    Double.isNaN(c.pValue()) ? "-" : String.format("%.3g", c.pValue()),
                    Double.isNaN(c.pAdjusted()) ? "-" : String.format("%.3g", c.pAdjusted()),
                    Double.isNaN(c.effectSize()) ? "-" : String.format("%.2f", c.effectSize()),
                    c.a() == null ? "-" : c.a().n() + "/" + (c.b() == null ? "-" : c.b().n()));
            if (c.note() != null && !c.note().isBlank()) out.println("    note: " + c.note());
            for (String w : c.warnings()) out.println("    WARNING: " + w);
        }
        ClaimResult first = claims.get(0);
        out.println("p: one-sided in the claimed direction; p adj: " + first.correction() + "-adjusted over "
                + first.family() + " tests (verdicts use it)");
    }

    private static String group(ClaimResult.GroupEvidence g) {
        if (g == null || g.n() == 0) return "-";
        return String.format("%.4g [%.4g, %.4g]", g.mean(), g.ciLow(), g.ciHigh());
    }
}
