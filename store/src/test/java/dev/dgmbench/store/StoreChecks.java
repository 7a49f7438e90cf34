package dev.dgmbench.store;

import dev.dgmbench.results.Digests;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

final class StoreChecks {
    private StoreChecks() {
    }

    /** Every file of a folder: path -> size, mtime and content digest. */
    static Map<String, String> snapshot(Path folder) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                String what = a.isDirectory() ? "dir " + a.lastModifiedTime()
                        : a.size() + " " + a.lastModifiedTime() + " " + Digests.sha256(Files.readAllBytes(p));
                out.put(folder.relativize(p).toString(), what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Two study folders hold the same study: same study.json, claims and runs, file for file and record for record. */
    static void assertSameStudy(Path expected, Path actual) {
        StudyResults a = StudyResults.read(expected), b = StudyResults.read(actual);
        assertEquals(CanonicalJson.canonical(a.info()), CanonicalJson.canonical(b.info()), "study.json");
        assertEquals(CanonicalJson.canonical(a.claims()), CanonicalJson.canonical(b.claims()), "claims");
        assertEquals(a.runs().size(), b.runs().size(), "number of runs");
        for (int i = 0; i < a.runs().size(); i++) {
            RunResult x = a.runs().get(i), y = b.runs().get(i);
            assertEquals(x.info().runId(), y.info().runId());
            assertEquals(x.digest(), y.digest(), "digest of " + x.info().runId());
            assertEquals(x.metrics(), y.metrics(), "metrics of " + x.info().runId());
            assertEquals(x.history(), y.history(), "history of " + x.info().runId());
            assertEquals(x.info(), y.info(), "run.json of " + x.info().runId());
            assertEquals(CanonicalJson.canonical(x), CanonicalJson.canonical(y), "run " + x.info().runId());
        }
        for (String f : List.of(StudyResults.STUDY, StudyResults.CLAIMS)) assertSameBytes(expected.resolve(f), actual.resolve(f));
        try (Stream<Path> walk = Files.walk(expected.resolve(StudyResults.RUNS))) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                assertSameBytes(p, actual.resolve(expected.relativize(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSameBytes(Path a, Path b) {
        try {
            assertEquals(Files.exists(a), Files.exists(b), b.toString());
            if (Files.exists(a)) assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(StoreConfig c, String sql) throws SQLException {
        try (Connection conn = TestPostgres.connect(c); PreparedStatement ps = conn.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * No half-written run: every stored run has all its documents, its digest matches its metrics and it has
     * exactly one metric row per number of its metrics. Returns the number of runs.
     */
    static int assertConsistent(StoreConfig c) throws Exception {
        int n = 0;
        try (Connection conn = TestPostgres.connect(c); PreparedStatement ps = conn.prepareStatement(
                "SELECT r.run_id, r.digest, r.metrics, (SELECT count(*) FROM metric m WHERE m.run = r.id), "
                        + "r.info IS NOT NULL AND r.history IS NOT NULL AND r.timings IS NOT NULL AND r.provenance IS NOT NULL "
                        + "AND r.samples IS NOT NULL AND r.traces IS NOT NULL FROM run r");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
                RunMetrics m = CanonicalJson.MAPPER.readValue(rs.getString(3), RunMetrics.class);
                assertEquals(rs.getString(2), Digests.ofMetrics(m), "digest of stored run " + rs.getString(1));
                int expected = m.model().size() + m.samplers().values().stream().mapToInt(Map::size).sum();
                assertEquals(expected, rs.getLong(4), "metric rows of stored run " + rs.getString(1));
                assertEquals(true, rs.getBoolean(5), "documents of stored run " + rs.getString(1));
            }
        }
        assertEquals(0, count(c, "SELECT count(*) FROM (SELECT 1 FROM run GROUP BY spec_digest, run_id, seed, backend, "
                + "build, suite_commit HAVING count(*) > 1) d"), "duplicate run identities");
        return n;
    }
}
