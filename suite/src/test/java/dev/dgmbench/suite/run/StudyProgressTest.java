package dev.dgmbench.suite.run;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.suite.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parent's study-level progress: its line, what counts as a finished run, and what the CLI prints. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StudyProgressTest {
    @TempDir
    Path tmp;

    @Test
    void theLineCountsRunsFailuresAndEstimatesTheRestFromTheMeanSoFar() {
        assertEquals("run 0/40 done, 0 failed", StudyProgress.line(0, 40, 0, 5));
        assertEquals("run 3/40 done, 2 failed, ETA 4 min", StudyProgress.line(3, 40, 2, 20)); // 20/3 s x 37 = 247 s
        assertEquals("run 39/40 done, 0 failed, ETA 10 s", StudyProgress.line(39, 40, 0, 390));
        assertEquals("run 4/4 done, 1 failed, in 1 h 05 min", StudyProgress.line(4, 4, 1, 3900));
    }

    @Test
    void onlyNewlyPublishedFoldersCount() throws IOException {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        publish(runs, "old");                       // finished before the study (--force redoes it)
        List<Integer> shown = new ArrayList<>();
        StudyProgress p = new StudyProgress(runs, List.of("old", "a", "b"), new StudyProgress.View() {
            public void update(int done, int failed, double elapsedSeconds) {
                shown.add(done);
            }

            public void close() {
            }
        });
        Files.createDirectories(runs.resolve("b"));  // being written: no digest yet
        publish(runs, "a");
        p.close();
        assertEquals(1, shown.get(shown.size() - 1), "only a: " + shown);
    }

    @Test
    void aFinishedRunPrintsItsLineWithAnEstimateForTheRest() throws IOException {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        var printed = new java.io.ByteArrayOutputStream();
        var lines = new StudyProgress.Lines(3, new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        StudyProgress p = new StudyProgress(runs, List.of("a", "b", "c"), lines, TimeUnit.HOURS.toMillis(1));
        publish(runs, "a");
        p.poll();
        publish(runs, "b");
        publish(runs, "c");
        p.close();
        String out = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(out.matches("run 1/3 done, 0 failed, ETA \\d+ s\\R"
                + "run 3/3 done, 0 failed, in \\d+ s\\R"), out);
    }

    @Test
    void aRunPrintsTheStudyLineAndQuietDoesNot() {
        Path spec = E2E.tinySpec(tmp.resolve("spec"));
        E2E.Result r = E2E.cli("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--no-report",
                "--workers", "2");
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.err().contains("run 4/4 done, 0 failed, in "), r::toString);
        // Runs this small may all finish within one poll, so which counts appear between 0 and 4 is timing; the
        // counts shown only ever go up (the intermediate line itself is checked deterministically above).
        var counts = java.util.regex.Pattern.compile("run (\\d)/4 done").matcher(r.err()).results()
                .map(m -> Integer.parseInt(m.group(1))).toList();
        assertEquals(0, counts.get(0), r::toString);
        for (int i = 1; i < counts.size(); i++) assertTrue(counts.get(i) > counts.get(i - 1), r::toString);

        E2E.Result q = E2E.cli("run", spec.toString(), "--out", tmp.resolve("out").toString(), "--no-report",
                "--workers", "2", "--force", "-q");
        assertEquals(Main.OK, q.code(), q::toString);
        assertFalse(q.err().contains("run 1/4"), q::toString);
        assertFalse(q.err().contains("evaluator network"), "-q keeps the workers quiet too: " + q);
    }

    private static void publish(Path runs, String id) throws IOException {
        Path tmpDir = Files.createDirectories(runs.resolve("." + id + ".tmp"));
        Files.writeString(tmpDir.resolve(ResultFolder.DIGEST), "x\n");
        Files.move(tmpDir, runs.resolve(id));
    }
}
