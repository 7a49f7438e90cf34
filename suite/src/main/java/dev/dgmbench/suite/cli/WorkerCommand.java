package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "worker", hidden = true, description = "internal: a worker JVM started by 'run'")
class WorkerCommand implements Callable<Integer> {
    @Option(names = "--spec", required = true)
    String spec;
    @Option(names = "--out", required = true)
    Path out;
    @Option(names = "--backend", required = true)
    String backend;
    @Option(names = "--runs", split = ",")
    List<String> runs = List.of();
    @Option(names = "--prepare")
    boolean prepare;
    @Option(names = "--quiet")
    boolean quiet;

    @Override
    public Integer call() {
        Worker.watchParent();
        var s = SpecArgument.load(spec, true);
        if (prepare) Worker.prepare(s, out);
        else Worker.run(s, out, backend, runs, quiet);
        return Main.OK;
    }
}
