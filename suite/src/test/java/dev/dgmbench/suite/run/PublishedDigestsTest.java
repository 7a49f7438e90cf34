package dev.dgmbench.suite.run;

import dev.dgmbench.results.ResultFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The guard of the published results: a run of the shipped {@code quick} study reproduces, run by run, the digests
 * committed in docs/results/quick/digests.txt. A change that moves metric bits fails here; if it does so on purpose,
 * the same commit regenerates the file with {@code .ci/quick-digests.sh} (and the published results) and says why.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class PublishedDigestsTest {
    static final String REGENERATE = ".ci/quick-digests.sh";

    @TempDir
    Path tmp;

    @Test
    void quickReproducesItsPublishedDigests() throws IOException {
        Path file = repositoryRoot().resolve("docs/results/quick/digests.txt");
        Map<String, String> published = read(file);
        Path out = tmp.resolve("quick");
        E2E.run(Path.of("quick"), out, 2);
        Map<String, String> now = new TreeMap<>();
        E2E.fileOfRuns(out, ResultFolder.DIGEST).forEach((id, bytes) -> now.put(id, new String(bytes, StandardCharsets.UTF_8).trim()));
        assertEquals(published.keySet(), now.keySet(), "the runs of quick differ from " + file + "'s");
        List<String> moved = new ArrayList<>();
        published.forEach((id, digest) -> {
            if (!digest.equals(now.get(id))) moved.add(id + ": published " + digest + ", this build " + now.get(id));
        });
        if (!moved.isEmpty()) {
            fail(moved.size() + " of " + published.size() + " runs of quick no longer reproduce " + file + ":\n  "
                    + String.join("\n  ", moved) + "\nIf this change moves metric bits on purpose, regenerate the file in the"
                    + " same commit with " + REGENERATE + " (and the published results), saying which metrics move and why;"
                    + " otherwise the change broke bit-reproducibility.");
        }
    }

    /** run id -> digest; lines starting with # are comments. */
    static Map<String, String> read(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " is missing; make it with " + REGENERATE);
        Map<String, String> out = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.trim().split("\\s+");
            assertEquals(2, parts.length, file + ": not '<run id> <digest>': " + line);
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    /** The checkout's root: the tests run in the module's folder. */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) if (Files.isDirectory(p.resolve("docs/results"))) return p;
        throw new IllegalStateException("no docs/results above " + here);
    }
}
