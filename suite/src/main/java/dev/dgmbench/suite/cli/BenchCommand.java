package dev.dgmbench.suite.cli;

import dev.dgmbench.results.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench} in the command list: the ./dgmbench launcher runs it itself, on the bench module's class path (JMH
 * stays off the CLI's), so this command only says how to reach it when the CLI is started another way.
 */
@Command(name = "bench", description = "Run the JMH benchmarks of the engines (./dgmbench bench --help lists them;"
        + " figures and commands in docs/performance.md). The ./dgmbench launcher runs it with JMH on the class path.")
class BenchCommand implements Callable<Integer> {
    /** Whatever follows (the benchmark runner's own options), repeated in the message. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        throw new BadInputException("bench: the benchmarks run through the ./dgmbench launcher, which puts JMH on the"
                + " class path: ./dgmbench bench" + (args.isEmpty() ? " --help" : " " + String.join(" ", args)));
    }
}
