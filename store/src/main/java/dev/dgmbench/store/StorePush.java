package dev.dgmbench.store;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code push}: uploads the runs of a study folder, each run in one transaction, skipping runs whose identity
 * ({@link RunIdentity}) is stored, then the claims, and records the push.
 */
final class StorePush {
    private final ResultsStore store;
    private final StoreConfig config;

    StorePush(ResultsStore store) {
        this.store = store;
        this.config = store.config();
    }

    private enum Outcome { ADDED, REPLACED, EXISTING }

    private record Stored(String digest, boolean failed) {
    }

    PushReport push(Path studyFolder, ResultsStore.PushHook hook) {
        long t0 = System.nanoTime();
        StudyResults study = StudyResults.read(studyFolder);
        StudyInfo info = study.info();
        if (info.specDigest() == null || info.specDigest().isBlank()) {
            throw new StoreException(StoreException.Kind.FAILED, studyFolder.resolve(StudyResults.STUDY) + " has no spec digest");
        }
        List<RunResult> runs = study.runs().stream().sorted(Comparator.comparing(r -> r.info().runId())).toList();
        for (RunResult r : runs) {
            if (!info.specDigest().equals(r.info().specDigest())) {
                throw new StoreException(StoreException.Kind.FAILED, "run " + r.info().runId() + " of " + studyFolder
                        + " was made from another spec (digest " + r.info().specDigest() + ", study.json has "
                        + info.specDigest() + "): push it from its own study folder");
            }
        }
        String pushedFrom = localHost();
        List<RunIdentity> ids = runs.stream().map(RunIdentity::of).toList();
        int done = 0;
        try (Connection c = store.connect()) {
            c.setAutoCommit(false);
            long pushId = JdbcStatements.inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO study (spec_digest, name, description, spec_file, spec_text, rerun, info) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?::json) ON CONFLICT (spec_digest) DO NOTHING")) {
                    ps.setString(1, info.specDigest());
                    ps.setString(2, info.name());
                    ps.setString(3, info.description());
                    ps.setString(4, info.specFile());
                    ps.setString(5, info.specText());
                    ps.setString(6, info.rerun());
                    ps.setString(7, CanonicalJson.canonical(info));
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO push (spec_digest, study, folder, pushed_from, suite_commit, backend, build, n_runs, n_ok) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    ps.setString(1, info.specDigest());
                    ps.setString(2, info.name());
                    ps.setString(3, studyFolder.toAbsolutePath().normalize().toString());
                    ps.setString(4, pushedFrom);
                    ps.setString(5, common(ids.stream().map(RunIdentity::commit)));
                    ps.setString(6, common(ids.stream().map(RunIdentity::backend)));
                    ps.setString(7, common(ids.stream().map(RunIdentity::build)));
                    ps.setInt(8, runs.size());
                    ps.setInt(9, (int) runs.stream().filter(r -> r.info().status() == RunStatus.OK).count());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getLong(1);
                    }
                }
            });
            Map<RunIdentity, Stored> stored = JdbcStatements.inTransaction(c, () -> storedRuns(c, info.specDigest()));

            int added = 0, existing = 0, replaced = 0;
            List<RunIdentity> differing = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                RunResult run = runs.get(i);
                RunIdentity id = ids.get(i);
                Stored s = stored.get(id);
                boolean ok = run.info().status() == RunStatus.OK;
                Outcome outcome;
                String storedDigest;
                if (s != null && !(s.failed() && ok)) {
                    outcome = Outcome.EXISTING; // nothing to send
                    storedDigest = s.digest();
                } else {
                    final int index = i;
                    String[] digestHolder = new String[1];
                    outcome = JdbcStatements.inTransaction(c, () -> storeRun(c, pushId, info.name(), run, id, pushedFrom, hook, index, digestHolder));
                    storedDigest = digestHolder[0];
                }
                switch (outcome) {
                    case ADDED -> added++;
                    case REPLACED -> replaced++;
                    case EXISTING -> {
                        existing++;
                        if (storedDigest != null && !storedDigest.equals(run.digest())) differing.add(id);
                    }
                }
                done++;
            }
            final int a = added, e = existing, rp = replaced;
            int claims = JdbcStatements.inTransaction(c, () -> finishPush(c, pushId, study.claims(), a, e, rp));
            return new PushReport(info.name(), info.specDigest(), pushId, runs.size(), added, existing, replaced,
                    List.copyOf(differing), claims, Duration.ofNanos(System.nanoTime() - t0));
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "push of " + studyFolder + " (stopped after " + done + " of "
                    + runs.size() + " runs; every stored run is complete: push again to store the rest)");
        }
    }

    private Map<RunIdentity, Stored> storedRuns(Connection c, String specDigest) throws SQLException {
        Map<RunIdentity, Stored> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT run_id, seed, backend, build, suite_commit, digest, status FROM run WHERE spec_digest = ?")) {
            ps.setString(1, specDigest);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new RunIdentity(specDigest, rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)), new Stored(rs.getString(6), "FAILED".equals(rs.getString(7))));
                }
            }
        }
        return out;
    }

    private static final String UPSERT_RUN = "INSERT INTO run (spec_digest, run_id, seed, backend, build, suite_commit, "
            + "study, grid_point, host, branch, status, failure, started_at, finished_at, digest, push_id, "
            + "info, metrics, history, timings, provenance, samples, traces) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?::json, ?::json, ?::json, ?::json, ?::json, ?::json) "
            + "ON CONFLICT ON CONSTRAINT run_identity DO UPDATE SET study = EXCLUDED.study, grid_point = EXCLUDED.grid_point, "
            + "host = EXCLUDED.host, branch = EXCLUDED.branch, status = EXCLUDED.status, failure = EXCLUDED.failure, "
            + "started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, digest = EXCLUDED.digest, "
            + "push_id = EXCLUDED.push_id, pushed_at = now(), info = EXCLUDED.info, metrics = EXCLUDED.metrics, "
            + "history = EXCLUDED.history, timings = EXCLUDED.timings, provenance = EXCLUDED.provenance, "
            + "samples = EXCLUDED.samples, traces = EXCLUDED.traces "
            + "WHERE run.status = 'FAILED' AND EXCLUDED.status = 'OK' "
            + "RETURNING id, (xmax = 0) AS inserted";

    /** One run, all or nothing: the caller commits. Another pusher's concurrent insert makes it EXISTING. */
    private Outcome storeRun(Connection c, long pushId, String studyName, RunResult run, RunIdentity id, String pushedFrom, ResultsStore.PushHook hook,
                             int index, String[] storedDigest) throws SQLException {
        RunInfo ri = run.info();
        long rowId;
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement(UPSERT_RUN)) {
            int k = 1;
            ps.setString(k++, id.specDigest());
            ps.setString(k++, id.runId());
            ps.setLong(k++, id.seed());
            ps.setString(k++, id.backend());
            ps.setString(k++, id.build());
            ps.setString(k++, id.commit());
            ps.setString(k++, ri.study() != null ? ri.study() : studyName);
            ps.setString(k++, CanonicalJson.canonical(ri.gridPoint() == null ? Map.of() : ri.gridPoint()));
            String host = RunIdentity.first(run.provenance(), RunIdentity.HOST_KEYS);
            ps.setString(k++, host.isEmpty() ? pushedFrom : host);
            ps.setString(k++, RunIdentity.first(run.provenance(), RunIdentity.BRANCH_KEYS));
            ps.setString(k++, ri.status() == null ? "FAILED" : ri.status().name());
            ps.setString(k++, ri.failure());
            ps.setObject(k++, JdbcStatements.instant(ri.startedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(k++, JdbcStatements.instant(ri.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(k++, run.digest());
            ps.setLong(k++, pushId);
            ps.setString(k++, CanonicalJson.canonical(ri));
            ps.setString(k++, CanonicalJson.canonical(run.metrics()));
            ps.setString(k++, CanonicalJson.canonical(run.history()));
            ps.setString(k++, CanonicalJson.canonical(run.timings()));
            ps.setString(k++, CanonicalJson.canonical(run.provenance()));
            if (run.samples() == null) ps.setNull(k++, Types.VARCHAR);
            else ps.setString(k++, CanonicalJson.canonical(run.samples()));
            ps.setString(k, CanonicalJson.canonical(run.traces()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) { // stored already (possibly by a concurrent pusher a moment ago)
                    storedDigest[0] = storedDigest(c, id);
                    return Outcome.EXISTING;
                }
                rowId = rs.getLong(1);
                inserted = rs.getBoolean(2);
            }
        }
        if (hook != null) hook.inTransaction(c, run, index);
        if (!inserted) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric WHERE run = ?")) {
                ps.setLong(1, rowId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO metric (run, sampler, name, value) VALUES (?, ?, ?, ?)")) {
            int n = addMetrics(ps, rowId, "", run.metrics().model());
            for (Map.Entry<String, Map<String, Double>> s : run.metrics().samplers().entrySet()) {
                n += addMetrics(ps, rowId, s.getKey(), s.getValue());
            }
            if (n > 0) ps.executeBatch();
        }
        return inserted ? Outcome.ADDED : Outcome.REPLACED;
    }

    private static int addMetrics(PreparedStatement ps, long runRow, String sampler, Map<String, Double> values)
            throws SQLException {
        if (values == null) return 0;
        int n = 0;
        for (Map.Entry<String, Double> m : values.entrySet()) {
            ps.setLong(1, runRow);
            ps.setString(2, sampler);
            ps.setString(3, m.getKey());
            if (m.getValue() == null) ps.setNull(4, Types.DOUBLE);
            else ps.setDouble(4, m.getValue());
            ps.addBatch();
            n++;
        }
        return n;
    }

    private static String storedDigest(Connection c, RunIdentity id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT digest FROM run WHERE spec_digest = ? AND run_id = ? "
                + "AND seed = ? AND backend = ? AND build = ? AND suite_commit = ?")) {
            ps.setString(1, id.specDigest());
            ps.setString(2, id.runId());
            ps.setLong(3, id.seed());
            ps.setString(4, id.backend());
            ps.setString(5, id.build());
            ps.setString(6, id.commit());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int finishPush(Connection c, long pushId, List<ClaimResult> claims, int added, int existing,
                                  int replaced) throws SQLException {
        List<ClaimResult> list = claims == null ? List.of() : claims;
        if (!list.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO claim (push_id, ordinal, claim_id, metric, verdict, "
                    + "expected, p_value, effect_size, result, correction, family, p_adjusted, p_opposite, "
                    + "p_opposite_adjusted, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < list.size(); i++) {
                    ClaimResult cr = list.get(i);
                    ps.setLong(1, pushId);
                    ps.setInt(2, i);
                    ps.setString(3, cr.id() == null ? "" : cr.id());
                    ps.setString(4, cr.metric());
                    ps.setString(5, cr.verdict() == null ? "" : cr.verdict().name());
                    ps.setString(6, cr.expected() == null ? null : cr.expected().name());
                    ps.setDouble(7, cr.pValue());
                    ps.setDouble(8, cr.effectSize());
                    ps.setString(9, CanonicalJson.canonical(cr));
                    ps.setString(10, cr.correction());
                    ps.setInt(11, cr.family());
                    ps.setDouble(12, cr.pAdjusted());
                    ps.setDouble(13, cr.pOpposite());
                    ps.setDouble(14, cr.pOppositeAdjusted());
                    ps.setArray(15, c.createArrayOf("text", cr.warnings().toArray()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE push SET finished_at = now(), n_new = ?, n_existing = ?, "
                + "n_replaced = ?, n_claims = ? WHERE id = ?")) {
            ps.setInt(1, added);
            ps.setInt(2, existing);
            ps.setInt(3, replaced);
            ps.setInt(4, list.size());
            ps.setLong(5, pushId);
            ps.executeUpdate();
        }
        return list.size();
    }

    private static String common(Stream<String> values) {
        List<String> distinct = values.distinct().collect(Collectors.toList());
        return distinct.size() == 1 ? distinct.get(0) : distinct.isEmpty() ? "" : "(mixed)";
    }

    static String localHost() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return env == null ? "" : env;
        }
    }

}
