package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.CompareThresholds;
import dev.dgmbench.reports.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two or more result folders (the first is the baseline): metric differences with a test,",
                "numerical drift, speed ratios. With thresholds, exit 1 on a regression."})
class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "FOLDER")
    List<Path> folders = List.of();

    @Option(names = "--labels", split = ",")
    List<String> labels = List.of();

    @Option(names = "--max-drift", description = "largest allowed relative metric difference, e.g. 0.05")
    Double maxDrift;

    @Option(names = "--max-slowdown", description = "largest allowed slowdown factor, e.g. 1.25")
    Double maxSlowdown;

    @Option(names = "--jmh", split = ",", description = "JMH JSON result files to line up (first is the baseline)")
    List<Path> jmh = List.of();

    @Option(names = "--baseline", description = "compare against the stored run set 'SPEC[@BACKEND]' from --store")
    String baseline;

    @Option(names = "--store", description = "results store (JDBC URL; or env DGMBENCH_STORE_URL)")
    String store;

    @Option(names = "--out", description = "where to write compare.md/html/json (default: ./compare)")
    Path out = Path.of("compare");

    @Override
    public Integer call() {
        List<Path> all = new java.util.ArrayList<>();
        if (baseline != null) all.add(PushCommand.baselineFolder(store, baseline));
        all.addAll(folders);
        if (all.size() + jmh.size() < 2) throw new IllegalArgumentException("compare needs at least two result folders or JMH files");
        var summary = Reports.writeComparison(all, labels, new CompareThresholds(maxDrift, maxSlowdown), out, jmh, List.of());
        summary.files().forEach(f -> System.out.println("wrote " + f));
        summary.regressions().forEach(r -> System.out.println("REGRESSION " + r));
        return summary.exitCode();
    }
}
