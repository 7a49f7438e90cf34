package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.PlanFile;
import dev.dgmbench.suite.run.RunQueue;
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
    @Option(names = "--queue", description = "the study's run queue: take runs from it one at a time (instead of --runs-file)")
    Path queue;
    @Option(names = "--worker", defaultValue = "1", description = "this worker's number, from 1 (recorded with each result)")
    int worker;
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
        else if (queue != null) Worker.take(p, out, backend, RunQueue.open(queue), worker, quiet, workers, concurrentRuns);
        else Worker.run(p, out, backend, runsFile == null ? List.of() : Files.readAllLines(runsFile), worker, quiet, workers,
                concurrentRuns);
        return Main.OK;
    }
}
