package dev.dgmbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the store: a run set back as a result folder ({@code load}, {@code baseline}) and {@code history}. */
final class StoreReader {
    private static final TypeReference<List<EpochRecord>> HISTORY = new TypeReference<>() {};
    private static final TypeReference<Map<String, Double>> TIMINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> PROVENANCE = new TypeReference<>() {};
    private static final TypeReference<Map<String, double[]>> TRACES = new TypeReference<>() {};

    /** One candidate run set: a spec digest and commit, with when it was last pushed. */
    private record RunSet(String specDigest, String commit, Instant lastPushedAt) {
    }

    private final ResultsStore store;
    private final StoreConfig config;

    StoreReader(ResultsStore store) {
        this.store = store;
        this.config = store.config();
    }

    /**
     * Reads one stored run set back and writes it out as a result folder ({@code into}, which must not exist or
     * be empty; null: a new temporary folder). {@code spec} is a study name or a spec digest (or a prefix of
     * one, 6+ hex digits). The run set is one spec digest and one commit: the commit the filter names, else the
     * most recently pushed one; when the name has several spec digests the latest pushed one wins. The claims
     * are those of the finished push of that spec and commit (and backend/build, when filtered) that covered the
     * most runs. Runs equal the pushed ones (same canonical JSON, digests checked); model weights are not stored.
     */
    StoredStudy load(String spec, LoadFilter filter, Path into) {
        LoadFilter f = filter == null ? LoadFilter.latest() : filter;
        Path target = into;
        if (target != null && Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new StoreException(StoreException.Kind.CONFIG, "will not load into " + target + ": it is not empty");
                }
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.CONFIG, "cannot read " + target + ": " + e.getMessage(), e);
            }
        }
        StudyInfo info;
        List<RunResult> runs = new ArrayList<>();
        List<ClaimResult> claims = new ArrayList<>();
        String digest, commit;
        Instant last;
        long claimsPush = -1;
        Set<String> backends = new LinkedHashSet<>(), builds = new LinkedHashSet<>();
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for all reads
            c.setReadOnly(true);
            List<String> digests = resolveSpec(c, spec);

            // 1. which (spec digest, commit)
            JdbcStatements.Query q = new JdbcStatements.Query("SELECT spec_digest, suite_commit, max(pushed_at) AS last FROM run WHERE spec_digest = ANY(?)")
                    .param(JdbcStatements.textArray(c, digests));
            filters(q, f, true);
            q.sql.append(" GROUP BY spec_digest, suite_commit ORDER BY last DESC, suite_commit");
            List<RunSet> sets = new ArrayList<>();
            try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sets.add(new RunSet(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
            }
            if (sets.isEmpty()) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no stored runs of '" + spec + "' match "
                        + describe(f) + " in the store at " + config.where() + "; stored: " + available(c, digests));
            }
            if (!f.latestCommit() && sets.stream().map(RunSet::commit).distinct().count() > 1) {
                throw new StoreException(StoreException.Kind.AMBIGUOUS, "commit '" + f.commit() + "' matches several stored commits of '"
                        + spec + "': " + sets.stream().map(RunSet::commit).distinct().toList() + "; give more of it");
            }
            digest = sets.get(0).specDigest();
            commit = sets.get(0).commit();
            last = sets.get(0).lastPushedAt();

            // 2. its runs
            JdbcStatements.Query r = new JdbcStatements.Query("SELECT run_id, backend, build, digest, info, metrics, history, timings, provenance, samples, traces "
                    + "FROM run WHERE spec_digest = ? AND suite_commit = ?").param(digest).param(commit);
            filters(r, f, false);
            r.sql.append(" ORDER BY run_id, backend, build");
            Map<String, String> seen = new LinkedHashMap<>();
            try (PreparedStatement ps = r.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String runId = rs.getString(1), where = rs.getString(2) + (rs.getString(3).isEmpty() ? "" : "/" + rs.getString(3));
                    String before = seen.put(runId, where);
                    if (before != null) {
                        throw new StoreException(StoreException.Kind.AMBIGUOUS, "run " + runId + " of '" + spec + "' @"
                                + RunIdentity.Short.commit(commit) + " is stored for " + before + " and " + where
                                + ": choose one with a backend/build filter");
                    }
                    backends.add(rs.getString(2));
                    builds.add(rs.getString(3));
                    runs.add(readRun(rs, runId));
                }
            }

            // 3. the spec and the claims
            try (PreparedStatement ps = c.prepareStatement("SELECT info FROM study WHERE spec_digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    info = CanonicalJson.MAPPER.readValue(rs.getString(1), StudyInfo.class);
                }
            }
            JdbcStatements.Query p = new JdbcStatements.Query("SELECT id FROM push WHERE spec_digest = ? AND suite_commit = ? AND finished_at IS NOT NULL "
                    + "AND n_claims > 0").param(digest).param(commit);
            if (f.backend() != null) p.and(" AND backend = ?", f.backend());
            if (f.build() != null) p.and(" AND build = ?", f.build());
            p.sql.append(" ORDER BY n_runs DESC, finished_at DESC LIMIT 1");
            try (PreparedStatement ps = p.prepare(c); ResultSet rs = ps.executeQuery()) {
                if (rs.next()) claimsPush = rs.getLong(1);
            }
            if (claimsPush >= 0) {
                try (PreparedStatement ps = c.prepareStatement("SELECT result FROM claim WHERE push_id = ? ORDER BY ordinal")) {
                    ps.setLong(1, claimsPush);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) claims.add(CanonicalJson.MAPPER.readValue(rs.getString(1), ClaimResult.class));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "loading '" + spec + "'");
        } catch (JsonProcessingException e) {
            throw new StoreException(StoreException.Kind.CORRUPT, "a stored document of '" + spec + "' does not read: "
                    + e.getOriginalMessage(), e);
        }
        // 4. write the folder
        try {
            if (target == null) target = Files.createTempDirectory("dgmbench-store-");
            StudyResults.writeStudyInfo(target, info);
            Path runsDir = target.resolve(StudyResults.RUNS);
            for (RunResult run : runs) ResultFolder.commit(runsDir, run, null);
            if (claimsPush >= 0) StudyResults.writeClaims(target, claims);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot write the loaded study to " + target + ": " + e.getMessage(), e);
        }
        return new StoredStudy(StudyResults.read(target), digest, commit, List.copyOf(backends), List.copyOf(builds), last, claimsPush);
    }

    private RunResult readRun(ResultSet rs, String runId) throws SQLException, JsonProcessingException {
        RunInfo info = CanonicalJson.MAPPER.readValue(rs.getString(5), RunInfo.class);
        RunMetrics metrics = CanonicalJson.MAPPER.readValue(rs.getString(6), RunMetrics.class);
        List<EpochRecord> history = CanonicalJson.MAPPER.readValue(rs.getString(7), HISTORY);
        Map<String, Double> timings = CanonicalJson.MAPPER.readValue(rs.getString(8), TIMINGS);
        Map<String, String> provenance = CanonicalJson.MAPPER.readValue(rs.getString(9), PROVENANCE);
        String samplesText = rs.getString(10);
        SampleSets samples = samplesText == null ? null : CanonicalJson.MAPPER.readValue(samplesText, SampleSets.class);
        Map<String, double[]> traces = CanonicalJson.MAPPER.readValue(rs.getString(11), TRACES);
        String digest = Digests.ofMetrics(metrics);
        if (!digest.equals(rs.getString(4))) {
            throw new StoreException(StoreException.Kind.CORRUPT, "stored run " + runId + " in " + config.where()
                    + ": its metrics do not match its digest " + rs.getString(4) + " (changed in the database?)");
        }
        return new RunResult(info, metrics, history, timings, provenance, samples, traces, digest);
    }

    /**
     * What is stored for a spec (a name or a digest prefix; null: every study), oldest first: one row per spec
     * digest, commit, backend, build and host, with the mean of {@code metric} over OK runs ({@code nll},
     * {@code model.nll}, {@code langevin.frechet} or {@code langevin/frechet}; null for none).
     */
    List<HistoryRow> history(String spec, String metric) {
        String sampler = "", name = "";
        if (metric != null && !metric.isBlank()) {
            String m = metric.strip();
            int cut = m.indexOf('/') >= 0 ? m.indexOf('/') : m.indexOf('.');
            if (cut > 0) {
                sampler = m.substring(0, cut);
                name = m.substring(cut + 1);
                if (sampler.equals("model")) sampler = "";
            } else {
                name = m;
            }
        }
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String finite = "r.status = 'OK' AND m.value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)";
            JdbcStatements.Query q = new JdbcStatements.Query("SELECT max(r.pushed_at) AS last, r.study, r.spec_digest, r.suite_commit, max(r.branch), "
                    + "r.backend, r.build, r.host, count(*), count(*) FILTER (WHERE r.status = 'OK'), "
                    + "avg(m.value) FILTER (WHERE " + finite + "), count(m.value) FILTER (WHERE " + finite + ") "
                    + "FROM run r LEFT JOIN metric m ON m.run = r.id AND m.sampler = ? AND m.name = ? WHERE true")
                    .param(sampler).param(name);
            if (spec != null) q.and(" AND r.spec_digest = ANY(?)", JdbcStatements.textArray(c, resolveSpec(c, spec)));
            q.sql.append(" GROUP BY r.study, r.spec_digest, r.suite_commit, r.backend, r.build, r.host "
                    + "ORDER BY last, r.suite_commit, r.backend, r.build, r.host");
            List<HistoryRow> rows = new ArrayList<>();
            String label = name.isEmpty() ? null : metric.strip();
            try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    double mean = rs.getDouble(11);
                    Double m = rs.wasNull() ? null : mean;
                    rows.add(new HistoryRow(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9), rs.getInt(10),
                            label, m, rs.getInt(12)));
                }
            }
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "history of '" + spec + "'");
        }
    }

    private List<String> resolveSpec(Connection c, String spec) throws SQLException {
        List<String> digests = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT spec_digest FROM study WHERE name = ?")) {
            ps.setString(1, spec);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) digests.add(rs.getString(1));
            }
        }
        if (digests.isEmpty() && spec.matches("[0-9a-f]{6,64}")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT spec_digest FROM study WHERE starts_with(spec_digest, ?)")) {
                ps.setString(1, spec);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) digests.add(rs.getString(1));
                }
            }
        }
        if (digests.isEmpty()) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT name FROM study ORDER BY name LIMIT 30");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) names.add(rs.getString(1));
            }
            throw new StoreException(StoreException.Kind.NOT_FOUND, "no study '" + spec + "' in the store at " + config.where()
                    + " (schema " + config.schema() + "); stored studies: " + (names.isEmpty() ? "none" : names));
        }
        return digests;
    }

    private String available(Connection c, List<String> digests) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT suite_commit, backend, build FROM run "
                + "WHERE spec_digest = ANY(?) ORDER BY 1, 2, 3 LIMIT 20")) {
            ps.setArray(1, JdbcStatements.textArray(c, digests));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("@" + RunIdentity.Short.commit(rs.getString(1)) + " " + rs.getString(2)
                            + (rs.getString(3).isEmpty() ? "" : "/" + rs.getString(3)));
                }
            }
        }
        return out.isEmpty() ? "no runs" : String.join(", ", out);
    }

    private static void filters(JdbcStatements.Query q, LoadFilter f, boolean withCommit) {
        if (f.backend() != null) q.and(" AND backend = ?", f.backend());
        if (f.build() != null) q.and(" AND build = ?", f.build());
        if (f.branch() != null) q.and(" AND branch = ?", f.branch());
        if (withCommit && !f.latestCommit()) q.and(" AND starts_with(suite_commit, ?)", f.commit().strip());
        if (withCommit && f.excludeCommit() != null && !f.excludeCommit().isBlank()) {
            q.and(" AND NOT starts_with(suite_commit, ?)", f.excludeCommit().strip());
        }
    }

    private static String describe(LoadFilter f) {
        List<String> parts = new ArrayList<>();
        if (f.backend() != null) parts.add("backend " + f.backend());
        if (f.build() != null) parts.add("build " + f.build());
        if (f.branch() != null) parts.add("branch " + f.branch());
        parts.add(f.latestCommit() ? "latest commit" : "commit " + f.commit());
        if (f.excludeCommit() != null && !f.excludeCommit().isBlank()) parts.add("not commit " + f.excludeCommit());
        return String.join(", ", parts);
    }

}
