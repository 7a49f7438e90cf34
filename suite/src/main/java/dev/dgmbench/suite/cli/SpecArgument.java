package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;

import java.nio.file.Files;
import java.nio.file.Path;

/** A spec on the command line: a YAML file, or the name of a shipped spec (quick, seed-digits, seed-fashion10). */
final class SpecArgument {
    private SpecArgument() {
    }

    static StudySpec load(String arg, boolean checkFiles) {
        Path p = Path.of(arg);
        if (!Files.exists(p) && SpecLoader.SHIPPED.contains(arg)) return SpecLoader.loadShipped(arg, checkFiles);
        return SpecLoader.load(p, checkFiles);
    }
}
