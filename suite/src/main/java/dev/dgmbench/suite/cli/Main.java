package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.Credentials;
import dev.dgmbench.suite.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code dgmbench}: run benchmark studies of deep generative models and verify their claims.
 * Exit codes: 0 fine, 1 a claim missed its expected verdict or a comparison found a regression, 2 bad input
 * (spec, arguments, result folders), 3 a run or worker failed.
 */
@Command(name = "dgmbench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Reproducible benchmark studies of beta-VAEs with NCE priors and Langevin samplers on ND4J.",
        subcommands = {RunCommand.class, VerifyCommand.class, ValidateCommand.class, ExplainCommand.class,
                ReportCommand.class, CompareCommand.class, CompareBackendsCommand.class, PushCommand.class,
                HistoryCommand.class, NormaliserCommand.class, FloorCommand.class, BenchCommand.class, WorkerCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0, CLAIM_MISSED = 1, BAD_INPUT = 2, RUN_FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        Optional<String> tmp = MachineFault.temporaryFolder();
        if (tmp.isPresent() && args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            System.err.println("error: " + tmp.get());
            return BAD_INPUT;
        }
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        return cl.execute(args);
    }

    /**
     * Whose fault an exception is: bad input (a spec, a data or result file, an option, store settings) is the
     * user's, said in words with exit 2; anything else is a bug of the suite, said as such with exit 3.
     */
    static int handle(Exception ex, PrintWriter err) {
        if (ex instanceof SpecException se) {
            err.println(Credentials.redact(se.getMessage()));
            return BAD_INPUT;
        }
        if (ex instanceof BadInputException) {
            err.println("error: " + Credentials.redact(ex.getMessage()));
            return BAD_INPUT;
        }
        Optional<String> machine = MachineFault.describe(ex);
        if (machine.isPresent()) {
            err.println("error: " + Credentials.redact(machine.get()) + "; finished runs are kept");
            return BAD_INPUT;
        }
        err.println("internal error (a fault of dgmbench, not of your input; finished runs are kept): "
                + Credentials.redact(ex.toString()));
        if (System.getenv("DGMBENCH_DEBUG") != null) ex.printStackTrace(err);
        else err.println("set DGMBENCH_DEBUG=1 to print the stack trace, and please report it");
        return RUN_FAILED;
    }

    /** 0 when every claim met its expectation (claims without one only need to have been evaluated). */
    static int verdictExit(java.util.List<ClaimResult> claims) {
        for (ClaimResult c : claims) if (c.expected() != null && !c.meetsExpectation()) return CLAIM_MISSED;
        return OK;
    }
}
