package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.StudyResults;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run a study (resuming finished runs) and exit 1 when a claim does not get its expected verdict (the "
                + "missed claims are listed on stderr). Claims without 'expect' never fail verify. Writes "
                + "claims-junit.xml so any CI shows the claims as test cases.")
class VerifyCommand extends RunCommand {
    @Override
    boolean verify() {
        return true;
    }

    @Override
    public Integer call() throws Exception {
        int code = super.call();
        if (code == Main.CLAIM_MISSED) printMissed(System.err, claimsOf(resultFolder()));
        return code;
    }

    /** The folder the run wrote: --out, else the spec's output folder. */
    private Path resultFolder() {
        return out != null ? out.toAbsolutePath().normalize()
                : changes.load(spec, true).outputFolder(Path.of("").toAbsolutePath());
    }

    private static List<ClaimResult> claimsOf(Path folder) {
        return Files.exists(folder.resolve(StudyResults.STUDY)) ? StudyResults.read(folder).claims() : List.of();
    }

    /** One line per claim that missed its expect: id, verdict, expectation, p and the note. */
    static void printMissed(java.io.PrintStream err, List<ClaimResult> claims) {
        List<ClaimResult> missed = claims.stream().filter(c -> c.expectation() == ClaimResult.Expectation.MISSED).toList();
        err.println(missed.size() + " claim(s) missed their expected verdict:");
        for (ClaimResult c : missed) {
            err.println("  " + c.id() + ": " + c.verdict() + ", expected " + c.expected()
                    + (Double.isNaN(c.pValue()) ? "" : String.format(java.util.Locale.ROOT, " (p = %.3g)", c.pValue()))
                    + (c.note() == null || c.note().isBlank() ? "" : "; " + c.note()));
        }
    }
}
