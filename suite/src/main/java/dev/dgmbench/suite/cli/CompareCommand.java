package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.ReportSummary;
import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.compare.CompareThresholds;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.store.Baseline;
import dev.dgmbench.store.ResultsStore;
import dev.dgmbench.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two or more result folders (the first is the baseline): metric differences with a test, "
                + "numerical drift against per-family limits, speed ratios with an interval and a test. Exit 1 on a "
                + "regression: a newly failed run, a drift beyond its limit, or a slowdown that is significant after Holm's "
                + "correction over the timings, with its whole 95%% interval beyond --max-slowdown, between sides that ran alike.")
class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FOLDER", description = "result folders; the first is the baseline unless --baseline is given")
    List<Path> folders = List.of();

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "one label per folder (the stored baseline included), comma-separated; default: folder names, and "
                + "SPEC@COMMIT for a stored baseline")
    List<String> labels = List.of();

    @Option(names = "--max-drift", paramLabel = "FRACTION",
            description = "one relative drift limit for every metric family, e.g. 0.05; default: per family (likelihoods 0.001,"
                + " training 0.02, classifier 0.10, samples 0.25 and SIR's 0.5, sampler diagnostics 0.10; "
                + "docs/reports.md)")
    Double maxDrift;

    @Option(names = "--max-slowdown", paramLabel = "FACTOR",
            description = "largest slowdown factor that is not a regression when significant, e.g. 1.25 (default)")
    Double maxSlowdown;

    @Option(names = "--drift-check", paramLabel = "WHAT", defaultValue = "runs",
            converter = DriftCheckOption.class,
            description = "runs (default): any run's metric beyond its family's limit is a regression (reruns, a new commit);"
                + " conclusions: only a claim judged otherwise or grid-point means beyond their 95%% chance level are"
                + " (backends whose long trainings part ways run by run)")
    CompareThresholds.DriftCheck driftCheck;

    @Option(names = "--no-thresholds", description = "report differences only; only newly failed runs are regressions")
    boolean noThresholds;

    @Option(names = "--jmh", split = ",", paramLabel = "FILE", description = "JMH JSON result files to line up (first is the baseline)")
    List<Path> jmh = List.of();

    @Option(names = "--baseline", paramLabel = "SPEC[@BACKEND[@COMMIT]]",
            description = "compare against a run set from the results store: COMMIT is latest (default), a commit prefix, "
                    + "commit:PREFIX or branch:NAME; 'latest' leaves the commit under test out unless --include-current-commit")
    String baseline;

    @Option(names = "--include-current-commit", description = "let --baseline ...@latest pick the commit under test (e.g. right after pushing it)")
    boolean includeCurrent;

    @Option(names = "--store", paramLabel = "JDBC_URL", description = "results store (default: env DGMBENCH_STORE_URL, else PGHOST/PGPORT/PGDATABASE)")
    String store;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write compare.md/html/json (default: ./compare)")
    Path out = Path.of("compare");

    @Option(names = {"-q", "--quiet"}, description = "print only regressions, warnings and errors")
    boolean quiet;

    @Override
    public Integer call() {
        if (baseline == null) return compare(folders, labels);
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(store, null));
             Baseline b = Baseline.fetch(s, baseline, System.getProperty("dgmbench.commit"), includeCurrent)) {
            if (!quiet) System.out.println("baseline: " + b.stored().describe());
            List<Path> all = new ArrayList<>(List.of(b.folder()));
            all.addAll(folders);
            List<String> l = labels;
            if (l.isEmpty()) {
                l = new ArrayList<>(List.of(b.label()));
                for (Path f : folders) l.add(f.toAbsolutePath().normalize().getFileName().toString());
            }
            return compare(all, l);
        }
    }

    private int compare(List<Path> all, List<String> l) {
        if (all.size() + jmh.size() < 2) throw new BadInputException("compare needs at least two result folders or JMH files, got " + all.size() + " folder(s)");
        if (!l.isEmpty() && l.size() != all.size()) {
            throw new BadInputException("--labels: " + l.size() + " labels for " + all.size() + " folders" + (baseline == null ? "" : " (the stored baseline counts)"));
        }
        ComparedFolders.check(all);
        CompareThresholds t = noThresholds ? CompareThresholds.none()
                : CompareThresholds.defaultsWith(maxDrift, maxSlowdown).withDriftCheck(driftCheck);
        ReportSummary summary = Reports.writeComparison(all, l, t, out, jmh, List.of());
        print(summary, quiet);
        return summary.exitCode();
    }

    /** The short summary, then one REGRESSION line each (also with -q). */
    static void print(ReportSummary summary, boolean quiet) {
        if (!quiet) {
            summary.lines().forEach(System.out::println);
            summary.files().forEach(f -> System.out.println("wrote " + f));
        } else {
            summary.lines().stream().filter(x -> x.startsWith("warning: ")).forEach(System.err::println);
        }
        summary.regressions().forEach(r -> System.out.println("REGRESSION " + r));
    }
}
