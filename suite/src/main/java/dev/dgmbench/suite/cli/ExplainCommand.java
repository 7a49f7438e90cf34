package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.Shard;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print the expanded runs (grid x seeds x samplers) and an estimate of their cost.")
class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC")
    String spec;

    @Option(names = "--shard", description = "explain only share i of n")
    String shard;

    @Override
    public Integer call() {
        var plan = Planner.plan(SpecArgument.load(spec, false));
        Shard s = Shard.resolve(shard, System.getenv());
        if (!s.equals(Shard.ALL)) plan = plan.shard(s);
        System.out.print(plan.explain());
        return Main.OK;
    }
}
