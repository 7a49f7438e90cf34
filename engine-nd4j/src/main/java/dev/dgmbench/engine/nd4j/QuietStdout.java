package dev.dgmbench.engine.nd4j;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * SameDiff M2.1 prints one line per op to stdout when it builds a backward graph ("Added differentiated op ...").
 * This silences stdout around such a call so progress output and CI logs stay readable.
 */
public final class QuietStdout {
    private QuietStdout() {
    }

    public static synchronized <T> T call(Supplier<T> work) {
        PrintStream saved = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(saved);
        }
    }
}
