package dev.dgmbench.suite.cli;

import dev.dgmbench.store.HistoryRow;
import dev.dgmbench.store.ResultsStore;
import dev.dgmbench.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List the stored runs of a spec across machines, backends and commits.")
class HistoryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC_NAME")
    String spec;

    @Option(names = "--metric", description = "metric whose mean is shown (default: nll)")
    String metric = "nll";

    @Option(names = "--store", description = "JDBC URL (default: env DGMBENCH_STORE_URL)")
    String store;

    @Override
    public Integer call() {
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(store, null))) {
            System.out.print(HistoryRow.format(s.history(spec, metric)));
        }
        return Main.OK;
    }
}
