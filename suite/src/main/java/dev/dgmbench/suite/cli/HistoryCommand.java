package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.spec.SamplerCatalogue;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.store.HistoryRow;
import dev.dgmbench.store.ResultsStore;
import dev.dgmbench.store.StoreConfig;
import dev.dgmbench.suite.spec.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the stored runs of a spec across machines, backends and commits.")
class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC_NAME", description = "a study name or a spec digest prefix (6+ hex digits)")
    String spec;

    @Option(names = "--metric", paramLabel = "[SAMPLER.]METRIC",
            description = "metric whose mean is shown: a model metric (nll, model.nll) or SAMPLER.METRIC (langevin.frechet); "
                + "default: nll")
    String metric = "nll";

    @Option(names = "--store", paramLabel = "JDBC_URL", description = "results store (default: env DGMBENCH_STORE_URL, else PGHOST/PGPORT/PGDATABASE)")
    String store;

    @Option(names = {"-q", "--quiet"}, description = "print the rows only, without the header")
    boolean quiet;

    @Override
    public Integer call() {
        checkMetric(metric);
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(store, null))) {
            String table = HistoryRow.format(s.history(spec, metric));
            if (quiet) table = table.lines().skip(1).reduce("", (a, b) -> a + b + "\n");
            System.out.print(table);
        }
        return Main.OK;
    }

    /** Names users bring from other tools, as the catalogue calls them. */
    private static final Map<String, String> KNOWN_AS = Map.of("fid", "frechet", "is", "inception_score",
            "inception", "inception_score", "prd", "precision", "nelbo", "elbo", "bits_per_dim", "bpd");

    /** A "did you mean": the catalogue's name for a name of another tool, or the closest name (sampler metrics with a sampler). */
    private static String hint(String name, boolean model, List<String> valid) {
        String known = KNOWN_AS.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), name);
        if (model && MetricCatalogue.find(Metric.Scope.SAMPLER, known).isPresent()) {
            return " (did you mean 'langevin." + known + "'? '" + known + "' is a sampler metric: SAMPLER." + known + ")";
        }
        if (!known.equals(name) && valid.contains(known)) return " (did you mean '" + known + "'?)";
        return Suggestions.suggestion(name, valid);
    }

    /** Rejects names the catalogue does not know, listing the valid ones, before touching the store. */
    static void checkMetric(String metric) {
        String m = metric.strip();
        int cut = m.indexOf('/') >= 0 ? m.indexOf('/') : m.indexOf('.');
        String scope = cut > 0 ? m.substring(0, cut) : "model", name = cut > 0 ? m.substring(cut + 1) : m;
        boolean model = scope.equals("model");
        if (!model && SamplerCatalogue.find(scope).isEmpty()) {
            throw new BadInputException("--metric " + metric + ": unknown sampler '" + scope + "'; allowed: model, "
                    + String.join(", ", SamplerCatalogue.names()));
        }
        Metric.Scope s = model ? Metric.Scope.MODEL : Metric.Scope.SAMPLER;
        if (MetricCatalogue.find(s, name).isEmpty()) {
            List<String> valid = new ArrayList<>(MetricCatalogue.names(s));
            throw new BadInputException("--metric " + metric + ": unknown " + (model ? "model" : "sampler") + " metric '"
                    + name + "'" + hint(name, model, valid) + "; allowed: " + String.join(", ", valid)
                    + (model ? " (sampler metrics as SAMPLER.METRIC, e.g. langevin.frechet)" : ""));
        }
    }
}
