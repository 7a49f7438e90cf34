package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.PlanFile;
import dev.dgmbench.suite.run.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "worker", hidden = true, description = "internal: a worker JVM started by 'run'")
class WorkerCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, description = "the resolved plan written by 'run'")
    Path plan;
    @Option(names = "--out", required = true, description = "the study's output folder")
    Path out;
    @Option(names = "--backend", required = true, description = "the backend's name, recorded with each result")
    String backend;
    @Option(names = "--runs-file", description = "a file with this worker's run ids, one a line")
    Path runsFile;
    @Option(names = "--workers", defaultValue = "1", description = "how many workers share the study")
    int workers;
    @Option(names = "--concurrent-runs", defaultValue = "1", description = "runs continued at once after training")
    int concurrentRuns;
    @Option(names = "--prepare", description = "train or load the evaluator network, then exit")
    boolean prepare;
    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Worker.watchParent();
        PlanFile p = PlanFile.read(plan);
        if (prepare) Worker.prepare(p, out, quiet);
        else Worker.run(p, out, backend, runsFile == null ? List.of() : Files.readAllLines(runsFile), quiet, workers, concurrentRuns);
        return Main.OK;
    }
}
