package dev.dgmbench.suite.backend.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs an external command and collects what it printed. Injectable so tests can fake {@code nvidia-smi} (and
 * {@code mvn}) without a GPU or a network.
 */
public interface CommandRunner {

    /**
     * Runs {@code command} and waits at most {@code timeout} for it. Implementations must return (with
     * {@link Result#timedOut()} set) rather than wait longer.
     *
     * @throws IOException when the command cannot be started at all (e.g. it is not installed)
     */
    Result run(List<String> command, Duration timeout) throws IOException;

    /**
     * What a command did.
     *
     * @param exitCode its exit status; meaningless when {@code timedOut}
     * @param stdout   standard output (possibly partial when timed out)
     * @param stderr   standard error (possibly partial when timed out)
     * @param timedOut true when it was still running at the deadline and was killed
     */
    record Result(int exitCode, String stdout, String stderr, boolean timedOut) {

        public Result {
            stdout = stdout == null ? "" : stdout;
            stderr = stderr == null ? "" : stderr;
        }

        public static Result ok(String stdout) {
            return new Result(0, stdout, "", false);
        }

        public static Result failed(int exitCode, String stdout, String stderr) {
            return new Result(exitCode, stdout, stderr, false);
        }

        public static Result timeout() {
            return new Result(-1, "", "", true);
        }

        public boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** The real thing: starts an operating-system process (see {@link ProcessCommandRunner}). */
    static CommandRunner system() {
        return new ProcessCommandRunner();
    }
}
