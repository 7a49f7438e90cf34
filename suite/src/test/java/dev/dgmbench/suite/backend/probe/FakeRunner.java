package dev.dgmbench.suite.backend.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link CommandRunner} that answers from a script instead of starting processes. */
public final class FakeRunner implements CommandRunner {

    public interface Answer {
        Result answer(List<String> command, Duration timeout) throws IOException;
    }

    private final List<Answer> answers;
    public final List<List<String>> calls = new ArrayList<>();

    private FakeRunner(List<Answer> answers) {
        this.answers = answers;
    }

    /** Answers the n-th call with the n-th answer (the last one repeats). */
    public static FakeRunner of(Answer... answers) {
        return new FakeRunner(List.of(answers));
    }

    public static FakeRunner printing(String stdout) {
        return of((c, t) -> Result.ok(stdout));
    }

    public static FakeRunner notInstalled() {
        return of((c, t) -> {
            throw new IOException("Cannot run program \"nvidia-smi\": error=2, No such file or directory");
        });
    }

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        calls.add(command);
        Answer a = answers.get(Math.min(calls.size() - 1, answers.size() - 1));
        return a.answer(command, timeout);
    }
}
