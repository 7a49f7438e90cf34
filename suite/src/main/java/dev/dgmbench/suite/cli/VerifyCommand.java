package dev.dgmbench.suite.cli;

import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run a study (resuming finished runs) and exit 1 when a claim does not get its expected verdict.",
                "Writes claims-junit.xml so any CI shows the claims as test cases."})
class VerifyCommand extends RunCommand {
    @Override
    boolean verify() {
        return true;
    }
}
