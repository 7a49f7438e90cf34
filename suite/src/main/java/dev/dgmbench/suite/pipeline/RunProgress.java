package dev.dgmbench.suite.pipeline;

/** Where a run reports what it is doing (a console line, nothing in quiet mode). */
@FunctionalInterface
public interface RunProgress {
    void say(String runId, String message);

    RunProgress QUIET = (id, m) -> {
    };
    RunProgress STDERR = (id, m) -> System.err.println("  [" + id + "] " + m);
}
