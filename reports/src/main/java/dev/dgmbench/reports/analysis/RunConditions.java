package dev.dgmbench.reports.analysis;

import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.RunResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether two folders' timings were measured under the same conditions, from provenance.json: the same host and
 * thread count, the same number of workers side by side, similar machine load and CPU clock. Older folders lack
 * some keys; a key missing on either side is not compared.
 */
public final class RunConditions {
    /** Keys whose values must match for timings to be comparable. */
    public static final List<String> SAME = List.of("host", "workers", "threads");
    public static final String LOAD = "load_average_start", MHZ = "cpu_mhz";
    /** Mean load averages further apart than this mean another job shared the machine on one side. */
    public static final double LOAD_GAP = 1.0;
    /** Relative CPU clock difference above which frequency scaling may explain a speed difference. */
    public static final double MHZ_GAP = 0.05;

    private RunConditions() {
    }

    /**
     * Whether host, worker count and threads match (or are not recorded): only then is a significant slowdown a
     * regression. Two workers sharing cores run each run slower than one, consistently, so the test alone would
     * call that a regression.
     */
    public static boolean sameSetup(List<RunResult> base, List<RunResult> cand) {
        for (String key : SAME) {
            Set<String> a = values(base, key), b = values(cand, key);
            if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) return false;
        }
        return true;
    }

    /**
     * Whether the machine load and CPU clock were alike on both sides (or are not recorded). The runs of one rerun
     * share its machine state, so under a different load they are consistently slower together: a paired test over
     * them is then significant however many runs there are, and only the conditions can tell load from code.
     */
    public static boolean sameLoad(List<RunResult> base, List<RunResult> cand) {
        double la = mean(base, LOAD), lb = mean(cand, LOAD), ma = mean(base, MHZ), mb = mean(cand, MHZ);
        return !(Math.abs(la - lb) > LOAD_GAP) && !(Math.abs(ma - mb) > MHZ_GAP * Math.min(ma, mb));
    }

    /** Human-readable warnings, empty when nothing differs that provenance records. */
    public static List<String> differences(String baseLabel, List<RunResult> base, String label, List<RunResult> cand) {
        List<String> out = new ArrayList<>();
        for (String key : SAME) {
            Set<String> a = values(base, key), b = values(cand, key);
            if (!a.isEmpty() && !b.isEmpty() && !a.equals(b)) {
                out.add(key + " differs: " + String.join(", ", a) + " (" + baseLabel + ") vs " + String.join(", ", b) + " (" + label + ")");
            }
        }
        double la = mean(base, LOAD), lb = mean(cand, LOAD);
        if (Math.abs(la - lb) > LOAD_GAP) {
            out.add("machine load differs: mean load average " + NumberFormats.num(la) + " (" + baseLabel + ") vs " + NumberFormats.num(lb) + " (" + label + ")");
        }
        double ma = mean(base, MHZ), mb = mean(cand, MHZ);
        if (Math.abs(ma - mb) > MHZ_GAP * Math.min(ma, mb)) {
            out.add("CPU clock differs: " + NumberFormats.num(ma) + " MHz (" + baseLabel + ") vs " + NumberFormats.num(mb) + " MHz (" + label + ")");
        }
        return out;
    }

    private static Set<String> values(List<RunResult> runs, String key) {
        Set<String> out = new TreeSet<>();
        for (RunResult r : runs) {
            String v = r.provenance() == null ? null : r.provenance().get(key);
            if (v != null && !v.isBlank()) out.add(v);
        }
        return out;
    }

    /** Mean of a numeric provenance value over the runs that have it; NaN when none does (never a warning). */
    private static double mean(List<RunResult> runs, String key) {
        double s = 0;
        int n = 0;
        for (RunResult r : runs) {
            String v = r.provenance() == null ? null : r.provenance().get(key);
            if (v == null) continue;
            try {
                s += Double.parseDouble(v.trim());
                n++;
            } catch (NumberFormatException e) {
                // an unreadable value says nothing about the conditions
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
