package dev.dgmbench.suite.cli;

import dev.dgmbench.results.StudyResults;

import dev.dgmbench.store.ResultsStore;
import dev.dgmbench.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = "Upload result folders (e.g. from CI shards) to the team results store. Idempotent: a run already "
                + "stored is left as it is. Credentials come from DGMBENCH_STORE_USER / DGMBENCH_STORE_PASSWORD or "
                + "DGMBENCH_STORE_PASSWORD_FILE, never from the spec.")
class PushCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FOLDER", description = "study result folders (with study.json and runs/)")
    List<Path> folders;

    @Option(names = "--store", paramLabel = "JDBC_URL", description = "results store (default: env DGMBENCH_STORE_URL, else PGHOST/PGPORT/PGDATABASE)")
    String store;

    @Option(names = "--credentials", paramLabel = "FILE", description = "a properties file with user= and password= (optionally url= and schema=)")
    Path credentials;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() {
        // every folder is read (format, fields, digests) before the store is touched: a bad one stores nothing
        for (Path f : folders) StudyResults.read(f);
        for (Path f : folders) push(store, credentials, f, quiet);
        return Main.OK;
    }

    static void push(String url, Path credentials, Path folder, boolean quiet) {
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(url, credentials))) {
            var r = s.push(folder);
            if (!quiet) System.out.println("pushed " + folder + " to " + s.config().displayUrl() + ": " + r);
        }
    }
}
