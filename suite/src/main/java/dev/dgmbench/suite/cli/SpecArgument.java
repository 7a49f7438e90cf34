package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;

/** A spec on the command line: a YAML file, or the name of a shipped spec (quick, seed-digits, seed-fashion10). */
final class SpecArgument {
    private SpecArgument() {
    }

    static StudySpec load(String arg, boolean checkFiles) {
        return SpecLoader.loadArgument(arg, checkFiles);
    }
}
