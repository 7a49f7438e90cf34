package dev.dgmbench.store;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One line of {@code dgmbench history}: the runs of a spec from one commit, backend, build and machine.
 *
 * @param pushedAt   when the last of these runs was stored
 * @param metric     the metric averaged ({@code nll}, {@code langevin.frechet}, ...), or null
 * @param mean       mean of that metric over the OK runs with a finite value, or null when there is none
 * @param metricRuns how many runs that mean is over
 */
public record HistoryRow(Instant pushedAt, String study, String specDigest, String commit, String branch,
                         String backend, String build, String host, int runs, int ok, String metric, Double mean,
                         int metricRuns) {

    /** A plain-text table of the rows, oldest first, for the command line. */
    public static String format(List<HistoryRow> rows) {
        String metric = rows.stream().map(HistoryRow::metric).filter(m -> m != null).findFirst().orElse(null);
        StringBuilder sb = new StringBuilder();
        String head = String.format(Locale.ROOT, "%-20s  %-12s  %-8s  %-14s  %-22s  %-16s  %5s  %5s",
                "pushed at (UTC)", "commit", "spec", "backend", "build", "host", "runs", "ok");
        sb.append(head).append(metric == null ? "" : String.format(Locale.ROOT, "  %14s", "mean " + metric)).append('\n');
        for (HistoryRow r : rows) {
            sb.append(String.format(Locale.ROOT, "%-20s  %-12s  %-8s  %-14s  %-22s  %-16s  %5d  %5d",
                    r.pushedAt().toString().replaceFirst("\\.\\d+Z$", "Z"), cut(r.commit(), 12), cut(r.specDigest(), 8),
                    cut(r.backend(), 14), cut(r.build(), 22), cut(r.host(), 16), r.runs(), r.ok()));
            if (metric != null) {
                sb.append(r.mean() == null ? String.format(Locale.ROOT, "  %14s", "-")
                        : String.format(Locale.ROOT, "  %14.6g", r.mean()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cut(String s, int n) {
        if (s == null || s.isEmpty()) return "-";
        return s.length() > n ? s.substring(0, n) : s;
    }
}
