package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.plan.CostModel;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.spec.StudySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a spec without running it: every error with file, line, field and what is allowed (exit 2).")
class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC")
    String spec;

    @Mixin
    SpecChanges changes = new SpecChanges();

    @Override
    public Integer call() {
        StudySpec s = changes.load(spec, true);
        var plan = Planner.plan(s);
        CostModel.DEFAULT.warning(s, plan.runs()).ifPresent(System.err::println);
        System.out.println(spec + ": valid (" + s.name() + ", " + s.gridPoints() + " grid points x " + s.seeds().size()
                + " seeds, " + s.claims().size() + " claims)");
        return Main.OK;
    }
}
