package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.backend.Backends;
import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every option and parameter of run, verify and explain says what it is, and each has -q. */
class OptionDescriptionsTest {
    @Test
    void everyOptionAndParameterHasADescriptionAndQuietIsThere() {
        CommandLine cli = new CommandLine(new Main());
        List<String> missing = new ArrayList<>();
        for (String name : List.of("run", "verify", "explain")) {
            var spec = cli.getSubcommands().get(name).getCommandSpec();
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                if (String.join("", a.description()).isBlank()) missing.add(name + " " + a.paramLabel() + a);
            }
            assertTrue(spec.findOption("-q") != null && spec.findOption("--quiet") != null, name + " has -q/--quiet");
        }
        assertEquals(List.of(), missing, "options without a description");
    }

    @Test
    void jmhIsNotOnTheCliClassPath() {
        // The suite's class path is the CLI's (bench has its own, dispatched by the launcher).
        assertEquals(null, ClassLoader.getSystemResource("org/openjdk/jmh/runner/Runner.class"));
        assertTrue(ClassLoader.getSystemResource("picocli/CommandLine.class") != null, "the check sees the class path");
    }

    @Test
    void runHelpNamesTheBackends() {
        E2E.Result r = E2E.cli("run", "--help");
        assertEquals(Main.OK, r.code(), r::toString);
        String flat = r.out().replaceAll("\\s+", " ");
        for (String b : Backends.names()) assertTrue(flat.contains(b), b + " missing from:\n" + r.out());
    }
}
