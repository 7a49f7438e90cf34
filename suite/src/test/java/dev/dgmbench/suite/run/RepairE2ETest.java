package dev.dgmbench.suite.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.ResultFormatException;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a crash or a damaged disk leaves in a finished study folder, and the next {@code run} repairing it: derived
 * files torn mid-write (claims.json, study.json, claims-junit.xml, plan.json, a report, a writer's temporary) are
 * rewritten without blocking anything, and run folders whose metrics.json is truncated or whose digest.txt is wrong
 * are moved aside and redone. Either way the digests end up equal to the uninterrupted reference study's.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RepairE2ETest extends ReferenceStudy {

    @Test
    void filesTornByACrashWhileTheClaimsAndTheReportWereWrittenDoNotBlockTheNextRun() throws IOException {
        Path out = tmp.resolve("torn");
        E2E.copyTree(reference, out);
        Map<String, byte[]> runFiles = E2E.fileOfRuns(out, ResultFolder.RUN);
        // The state of a study killed mid-publish (before this suite wrote through AtomicFiles): prefixes of each
        // derived file, half a report, and a temporary of a writer killed before its rename.
        truncate(out.resolve(StudyResults.CLAIMS), 10);
        truncate(out.resolve(StudyResults.STUDY), 10);
        truncate(out.resolve(StudyResults.JUNIT), 40);
        truncate(out.resolve(PlanFile.FILE), 25);
        Path report = Files.createDirectories(out.resolve("report"));
        Files.writeString(report.resolve("report.json"), "{\"description\": \"End-to-end te");
        Files.writeString(report.resolve("report.html"), "<!DOCTYPE html><html><head><ti");
        Path reportLeftover = report.resolve(".report.html8123456.tmp");
        Files.writeString(reportLeftover, "<!DOCTYPE html><html><head><ti");
        Path leftover = out.resolve(".claims.json.4242-1.tmp");
        Files.writeString(leftover, "[{\"id\": ");
        for (int i = 1; i <= 3; i++) Files.writeString(out.resolve(".worker-" + i + ".runs"), E2E.RUN_IDS.get(i) + "\n");
        assertThrows(ResultFormatException.class, () -> StudyResults.read(out), "the damage is real");

        E2E.Result r = E2E.cli("run", spec.toString(), "--out", out.toString(), "--quiet", "--workers", "2");
        assertEquals(Main.OK, r.code(), r::toString);

        assertEquals(runFiles.keySet(), E2E.fileOfRuns(out, ResultFolder.RUN).keySet());
        for (var e : E2E.fileOfRuns(out, ResultFolder.RUN).entrySet()) {
            assertArrayEquals(runFiles.get(e.getKey()), e.getValue(), e.getKey() + " was finished and must not run again");
        }
        E2E.assertSameResults(reference, out);
        assertEquals(Files.readString(reference.resolve(StudyResults.CLAIMS)), Files.readString(out.resolve(StudyResults.CLAIMS)));
        assertEquals(Files.readString(reference.resolve(StudyResults.JUNIT)), Files.readString(out.resolve(StudyResults.JUNIT)));
        StudyInfo info = CanonicalJson.read(out.resolve(StudyResults.STUDY), StudyInfo.class);
        assertEquals(E2E.RUN_IDS, info.runIds());
        assertEquals(E2E.RUN_IDS.size(), PlanFile.read(out.resolve(PlanFile.FILE)).runs().size());
        JsonNode json = CanonicalJson.MAPPER.readTree(report.resolve("report.json").toFile());
        assertEquals("tiny", json.path("study").asText(), "report.json is whole again");
        assertEquals(E2E.RUN_IDS.size(), json.path("runs").size(), "report.json lists every run");
        assertTrue(Files.readString(report.resolve("report.html")).strip().endsWith("</html>"), "report.html is whole again");
        assertFalse(Files.exists(leftover), "the temporary of the killed writer is swept");
        assertFalse(Files.exists(reportLeftover), "and so is the report writer's");
        assertEquals(List.of(), hidden(out), "no temporaries, run lists or lock file are left in the folder");
    }

    @Test
    void aTruncatedMetricsFileAndAWrongDigestAreMovedAsideAndRedone() throws IOException {
        Path out = tmp.resolve("damaged");
        E2E.copyTree(reference, out);
        Path runs = out.resolve(StudyResults.RUNS);
        String truncatedId = E2E.RUN_IDS.get(0), wrongDigestId = E2E.RUN_IDS.get(1);
        Path metrics = runs.resolve(truncatedId).resolve(ResultFolder.METRICS);
        byte[] torn = Arrays.copyOf(Files.readAllBytes(metrics), 100);
        Files.write(metrics, torn);
        Path digest = runs.resolve(wrongDigestId).resolve(ResultFolder.DIGEST);
        Files.writeString(digest, "0".repeat(64) + "\n");
        Map<String, byte[]> before = E2E.fileOfRuns(out, ResultFolder.RUN);

        E2E.Result r = E2E.run(spec, out, 2);

        List<String> warnings = r.err().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(2, warnings.size(), r::toString);
        assertTrue(warnings.get(0).startsWith("warning: " + metrics + ": cannot read RunMetrics: "), warnings.get(0));
        assertTrue(warnings.get(0).contains("; the run's folder is moved aside to " + runs.resolve(ResultFolder.DAMAGED)
                .resolve(truncatedId + "-")), warnings.get(0));
        assertTrue(warnings.get(0).endsWith(" and the run is done again"), warnings.get(0));
        assertTrue(warnings.get(0).contains("Unexpected end-of-input") && warnings.get(0).contains("(start marker at line "),
                warnings.get(0));
        assertFalse(warnings.get(0).contains("StreamReadFeature") || warnings.get(0).contains("[Source"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("warning: " + digest + ": digest " + "0".repeat(64)
                + " does not match metrics.json ("), warnings.get(1));
        assertTrue(warnings.get(1).contains("moved aside to " + runs.resolve(ResultFolder.DAMAGED).resolve(wrongDigestId + "-")),
                warnings.get(1));

        // Kept for inspection, exactly as found.
        List<Path> aside = list(runs.resolve(ResultFolder.DAMAGED));
        assertEquals(2, aside.size(), aside::toString);
        assertTrue(aside.get(0).getFileName().toString().startsWith(truncatedId + "-"), aside::toString);
        assertTrue(aside.get(1).getFileName().toString().startsWith(wrongDigestId + "-"), aside::toString);
        assertArrayEquals(torn, Files.readAllBytes(aside.get(0).resolve(ResultFolder.METRICS)));
        assertEquals("0".repeat(64), Files.readString(aside.get(1).resolve(ResultFolder.DIGEST)).trim());

        // Redone: the damaged two ran again, the sound two did not; the results equal the uninterrupted study's.
        Map<String, byte[]> after = E2E.fileOfRuns(out, ResultFolder.RUN);
        for (String id : E2E.RUN_IDS) {
            boolean redone = id.equals(truncatedId) || id.equals(wrongDigestId);
            String was = CanonicalJson.MAPPER.readValue(before.get(id), RunInfo.class).startedAt();
            String now = CanonicalJson.MAPPER.readValue(after.get(id), RunInfo.class).startedAt();
            if (redone) assertNotEquals(was, now, id + " must run again");
            else assertEquals(was, now, id + " was sound and must not run again");
        }
        assertEquals(E2E.RUN_IDS, E2E.published(out));
        E2E.assertSameResults(reference, out);
        assertEquals(Files.readString(reference.resolve(StudyResults.CLAIMS)), Files.readString(out.resolve(StudyResults.CLAIMS)));

        // A further run finds nothing to repair.
        E2E.Result again = E2E.run(spec, out, 2);
        assertFalse(again.err().contains("warning: "), again::toString);
        assertEquals(2, list(runs.resolve(ResultFolder.DAMAGED)).size());
    }

    private static void truncate(Path file, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        assertTrue(all.length > bytes, file + " is shorter than " + bytes + " bytes");
        Files.write(file, Arrays.copyOf(all, bytes));
        assertEquals(bytes, new String(Files.readAllBytes(file), StandardCharsets.UTF_8).length());
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static List<String> hidden(Path dir) throws IOException {
        return list(dir).stream().map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
}
