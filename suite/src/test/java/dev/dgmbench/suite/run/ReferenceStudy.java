package dev.dgmbench.suite.run;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of the end-to-end classes: the tiny spec and one reference run of it (2 workers) per class. */
public abstract class ReferenceStudy {
    @TempDir
    protected static Path tmp;
    protected static Path spec;
    protected static Path reference;

    @BeforeAll
    static void runReferenceStudy() {
        spec = E2E.tinySpec(tmp.resolve("spec"));
        reference = tmp.resolve("reference");
        E2E.run(spec, reference, 2);
    }
}
