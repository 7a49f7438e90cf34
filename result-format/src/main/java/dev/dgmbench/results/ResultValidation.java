package dev.dgmbench.results;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a published run folder can count as a finished run: every file parses, {@code digest.txt} is the digest
 * of {@code metrics.json}, and {@code run.json} is the run the folder is named after. Folders are published whole,
 * so a damaged one was changed afterwards (a disk fault, a hand edit, a copy cut short).
 */
public final class ResultValidation {
    private ResultValidation() {
    }

    /** What is wrong with {@code runDir}, naming the file, or empty when it is sound. */
    public static Optional<String> problem(Path runDir) {
        RunResult r;
        try {
            r = ResultFolder.read(runDir);
        } catch (ResultFormatException e) {
            return Optional.of(plain(e.getMessage()));
        } catch (RuntimeException e) {
            // whatever else a damaged file makes the readers throw: still damage, said with the folder
            return Optional.of(runDir + ": cannot be read: " + plain(e.getMessage()));
        }
        String id = runDir.getFileName().toString();
        if (!id.equals(r.info().runId())) {
            return Optional.of(runDir.resolve(ResultFolder.RUN) + ": holds the run " + r.info().runId() + ", not " + id);
        }
        return Optional.empty();
    }

    /** The parser's location notes name its own settings; a line and column is all a user needs. */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    static String plain(String message) {
        return message == null ? "" : SOURCE.matcher(message).replaceAll("line $1, column $2");
    }
}
