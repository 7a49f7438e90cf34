package dev.dgmbench.suite.cli;

import dev.dgmbench.store.ResultsStore;
import dev.dgmbench.store.StoreConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "push", mixinStandardHelpOptions = true,
        description = {"Upload result folders (e.g. from CI shards) to the team results store.",
                "Idempotent: a run already stored is left as it is. Credentials come from DGMBENCH_STORE_USER /",
                "DGMBENCH_STORE_PASSWORD or DGMBENCH_STORE_PASSWORD_FILE, never from the spec."})
class PushCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FOLDER")
    List<Path> folders;

    @Option(names = "--store", description = "JDBC URL (default: env DGMBENCH_STORE_URL)")
    String store;

    @Option(names = "--credentials", description = "a properties file with user= and password=")
    Path credentials;

    @Override
    public Integer call() {
        for (Path f : folders) push(store, credentials, f, false);
        return Main.OK;
    }

    static void push(String url, Path credentials, Path folder, boolean quiet) {
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(url, credentials))) {
            var r = s.push(folder);
            if (!quiet) System.out.println("pushed " + folder + " to " + s.config().displayUrl() + ": " + r);
        }
    }

    /**
     * Materialises a stored run set "SPEC[@BACKEND]" (the latest pushed from another commit than this one) into a
     * temporary folder for comparison.
     */
    static Path baselineFolder(String url, String selector) {
        String[] parts = selector.split("@", 2);
        try (ResultsStore s = ResultsStore.open(StoreConfig.resolve(url, null))) {
            Path into = Files.createTempDirectory("dgmbench-baseline");
            String commit = System.getProperty("dgmbench.commit");
            var stored = s.baseline(parts[0], parts.length > 1 ? parts[1] : null, "latest",
                    commit == null || commit.equals("unknown") ? null : commit, into);
            System.out.println("baseline: " + stored.describe());
            return stored.results().folder();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
