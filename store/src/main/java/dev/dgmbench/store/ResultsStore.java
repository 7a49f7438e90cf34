package dev.dgmbench.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.Json;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.SampleSets;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The team results store: a PostgreSQL database beside the result folders (docs/store.md).
 * <ul>
 *   <li>{@link #open} connects and brings the schema up to date (Flyway migrations in {@code db/migration},
 *       serialised by an advisory lock, so n shards opening a fresh store at once are fine);</li>
 *   <li>{@link #push} uploads the runs of a study folder, each run in one transaction, skipping runs whose
 *       identity ({@link RunIdentity}) is stored: pushing twice changes nothing, concurrent pushers never
 *       conflict, a killed push leaves only complete runs and is finished by pushing again;</li>
 *   <li>{@link #load} writes a stored run set out as a result folder equal to the pushed ones;
 *       {@link #history} lists what is stored for a spec; {@link #baseline} picks a run set for
 *       {@code compare --baseline}.</li>
 * </ul>
 * Every value reaches SQL as a bound parameter. The store holds no connection between calls; it is safe to
 * use from several threads.
 */
public final class ResultsStore implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 6;
    private static final TypeReference<List<EpochRecord>> HISTORY = new TypeReference<>() {};
    private static final TypeReference<Map<String, Double>> TIMINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> PROVENANCE = new TypeReference<>() {};
    private static final TypeReference<Map<String, double[]>> TRACES = new TypeReference<>() {};
    /** Flyway's INFO lines are no business of {@code dgmbench push}; kept here so the setting is not collected. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private final StoreConfig config;

    private ResultsStore(StoreConfig config) {
        this.config = config;
    }

    /** Connects, creating or upgrading the schema on first use. Errors say what failed and where. */
    public static ResultsStore open(StoreConfig config) {
        ResultsStore store = new ResultsStore(config);
        store.migrate();
        return store;
    }

    public StoreConfig config() {
        return config;
    }

    /** The schema version the store is at (the latest applied migration). */
    public String schemaVersion() {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "reading the schema version");
        }
    }

    // ------------------------------------------------------------------------------------------------ push

    /** Uploads every run folder of {@code studyFolder} (and its claims); the folder is only read. */
    public PushReport push(Path studyFolder) {
        return push(studyFolder, null);
    }

    /** Called inside each run's transaction, after the run row and before its metrics (tests kill pushes here). */
    @FunctionalInterface
    interface PushHook {
        void inTransaction(Connection connection, RunResult run, int index) throws SQLException;
    }

    private enum Outcome { ADDED, REPLACED, EXISTING }

    private record Stored(String digest, boolean failed) {
    }

    PushReport push(Path studyFolder, PushHook hook) {
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
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long pushId = inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO study (spec_digest, name, description, spec_file, spec_text, rerun, info) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?::json) ON CONFLICT (spec_digest) DO NOTHING")) {
                    ps.setString(1, info.specDigest());
                    ps.setString(2, info.name());
                    ps.setString(3, info.description());
                    ps.setString(4, info.specFile());
                    ps.setString(5, info.specText());
                    ps.setString(6, info.rerun());
                    ps.setString(7, Json.canonical(info));
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
            Map<RunIdentity, Stored> stored = inTransaction(c, () -> storedRuns(c, info.specDigest()));

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
                    outcome = inTransaction(c, () -> storeRun(c, pushId, info.name(), run, id, pushedFrom, hook, index, digestHolder));
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
            int claims = inTransaction(c, () -> finishPush(c, pushId, study.claims(), a, e, rp));
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
    private Outcome storeRun(Connection c, long pushId, String studyName, RunResult run, RunIdentity id, String pushedFrom, PushHook hook,
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
            ps.setString(k++, Json.canonical(ri.gridPoint() == null ? Map.of() : ri.gridPoint()));
            String host = RunIdentity.first(run.provenance(), RunIdentity.HOST_KEYS);
            ps.setString(k++, host.isEmpty() ? pushedFrom : host);
            ps.setString(k++, RunIdentity.first(run.provenance(), RunIdentity.BRANCH_KEYS));
            ps.setString(k++, ri.status() == null ? "FAILED" : ri.status().name());
            ps.setString(k++, ri.failure());
            ps.setObject(k++, instant(ri.startedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setObject(k++, instant(ri.finishedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(k++, run.digest());
            ps.setLong(k++, pushId);
            ps.setString(k++, Json.canonical(ri));
            ps.setString(k++, Json.canonical(run.metrics()));
            ps.setString(k++, Json.canonical(run.history()));
            ps.setString(k++, Json.canonical(run.timings()));
            ps.setString(k++, Json.canonical(run.provenance()));
            if (run.samples() == null) ps.setNull(k++, Types.VARCHAR);
            else ps.setString(k++, Json.canonical(run.samples()));
            ps.setString(k, Json.canonical(run.traces()));
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
                    + "expected, p_value, effect_size, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::json)")) {
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
                    ps.setString(9, Json.canonical(cr));
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

    // ------------------------------------------------------------------------------------------------ load

    /** {@link #load(String, LoadFilter, Path)} into a new temporary folder. */
    public StoredStudy load(String spec, LoadFilter filter) {
        return load(spec, filter, null);
    }

    /**
     * Reads one stored run set back and writes it out as a result folder ({@code into}, which must not exist or
     * be empty; null: a new temporary folder). {@code spec} is a study name or a spec digest (or a prefix of
     * one, 6+ hex digits). The run set is one spec digest and one commit: the commit the filter names, else the
     * most recently pushed one; when the name has several spec digests the latest pushed one wins. The claims
     * are those of the finished push of that spec and commit (and backend/build, when filtered) that covered the
     * most runs. Runs equal the pushed ones (same canonical JSON, digests checked); model weights are not stored.
     */
    public StoredStudy load(String spec, LoadFilter filter, Path into) {
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
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for all reads
            c.setReadOnly(true);
            List<String> digests = resolveSpec(c, spec);

            // 1. which (spec digest, commit)
            Query q = new Query("SELECT spec_digest, suite_commit, max(pushed_at) AS last FROM run WHERE spec_digest = ANY(?)")
                    .param(textArray(c, digests));
            filters(q, f, true);
            q.sql.append(" GROUP BY spec_digest, suite_commit ORDER BY last DESC, suite_commit");
            List<Object[]> sets = new ArrayList<>();
            try (PreparedStatement ps = q.prepare(c); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sets.add(new Object[]{rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()});
            }
            if (sets.isEmpty()) {
                throw new StoreException(StoreException.Kind.NOT_FOUND, "no stored runs of '" + spec + "' match "
                        + describe(f) + " in the store at " + config.where() + "; stored: " + available(c, digests));
            }
            if (!f.latestCommit() && sets.stream().map(s -> s[1]).distinct().count() > 1) {
                throw new StoreException(StoreException.Kind.AMBIGUOUS, "commit '" + f.commit() + "' matches several stored commits of '"
                        + spec + "': " + sets.stream().map(s -> (String) s[1]).distinct().toList() + "; give more of it");
            }
            digest = (String) sets.get(0)[0];
            commit = (String) sets.get(0)[1];
            last = (Instant) sets.get(0)[2];

            // 2. its runs
            Query r = new Query("SELECT run_id, backend, build, digest, info, metrics, history, timings, provenance, samples, traces "
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
                    info = Json.MAPPER.readValue(rs.getString(1), StudyInfo.class);
                }
            }
            Query p = new Query("SELECT id FROM push WHERE spec_digest = ? AND suite_commit = ? AND finished_at IS NOT NULL "
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
                        while (rs.next()) claims.add(Json.MAPPER.readValue(rs.getString(1), ClaimResult.class));
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
        RunInfo info = Json.MAPPER.readValue(rs.getString(5), RunInfo.class);
        RunMetrics metrics = Json.MAPPER.readValue(rs.getString(6), RunMetrics.class);
        List<EpochRecord> history = Json.MAPPER.readValue(rs.getString(7), HISTORY);
        Map<String, Double> timings = Json.MAPPER.readValue(rs.getString(8), TIMINGS);
        Map<String, String> provenance = Json.MAPPER.readValue(rs.getString(9), PROVENANCE);
        String samplesText = rs.getString(10);
        SampleSets samples = samplesText == null ? null : Json.MAPPER.readValue(samplesText, SampleSets.class);
        Map<String, double[]> traces = Json.MAPPER.readValue(rs.getString(11), TRACES);
        String digest = Digests.ofMetrics(metrics);
        if (!digest.equals(rs.getString(4))) {
            throw new StoreException(StoreException.Kind.CORRUPT, "stored run " + runId + " in " + config.where()
                    + ": its metrics do not match its digest " + rs.getString(4) + " (changed in the database?)");
        }
        return new RunResult(info, metrics, history, timings, provenance, samples, traces, digest);
    }

    /** A baseline for {@code compare --baseline}: see {@link LoadFilter#baseline}. */
    public StoredStudy baseline(String spec, String backend, String selector, Path into) {
        return baseline(spec, backend, selector, null, into);
    }

    /** As {@link #baseline(String, String, String, Path)}, leaving {@code excludeCommit} (the commit under test) out. */
    public StoredStudy baseline(String spec, String backend, String selector, String excludeCommit, Path into) {
        return load(spec, LoadFilter.baseline(backend, selector).excluding(excludeCommit), into);
    }

    // --------------------------------------------------------------------------------------------- history

    /**
     * What is stored for a spec (a name or a digest prefix; null: every study), oldest first: one row per spec
     * digest, commit, backend, build and host, with the mean of {@code metric} over OK runs ({@code nll},
     * {@code model.nll}, {@code langevin.frechet} or {@code langevin/frechet}; null for none).
     */
    public List<HistoryRow> history(String spec, String metric) {
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
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String finite = "r.status = 'OK' AND m.value NOT IN ('NaN'::float8, 'Infinity'::float8, '-Infinity'::float8)";
            Query q = new Query("SELECT max(r.pushed_at) AS last, r.study, r.spec_digest, r.suite_commit, max(r.branch), "
                    + "r.backend, r.build, r.host, count(*), count(*) FILTER (WHERE r.status = 'OK'), "
                    + "avg(m.value) FILTER (WHERE " + finite + "), count(m.value) FILTER (WHERE " + finite + ") "
                    + "FROM run r LEFT JOIN metric m ON m.run = r.id AND m.sampler = ? AND m.name = ? WHERE true")
                    .param(sampler).param(name);
            if (spec != null) q.and(" AND r.spec_digest = ANY(?)", textArray(c, resolveSpec(c, spec)));
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

    // ------------------------------------------------------------------------------------------------ util

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
            ps.setArray(1, textArray(c, digests));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("@" + RunIdentity.Short.commit(rs.getString(1)) + " " + rs.getString(2)
                            + (rs.getString(3).isEmpty() ? "" : "/" + rs.getString(3)));
                }
            }
        }
        return out.isEmpty() ? "no runs" : String.join(", ", out);
    }

    private static void filters(Query q, LoadFilter f, boolean withCommit) {
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

    /** SQL text made of constant fragments only; every value is a bound parameter. */
    private static final class Query {
        final StringBuilder sql;
        final List<Object> params = new ArrayList<>();

        Query(String sql) {
            this.sql = new StringBuilder(sql);
        }

        Query param(Object value) {
            params.add(value);
            return this;
        }

        Query and(String constantFragment, Object value) {
            sql.append(constantFragment);
            return param(value);
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof Array a) ps.setArray(i + 1, a);
                else ps.setString(i + 1, (String) v);
            }
            return ps;
        }
    }

    private static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} and commits; serialization failures and deadlocks are retried with backoff. */
    private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T t = work.run();
                c.commit();
                return t;
            } catch (SQLException e) {
                rollbackQuietly(c);
                String state = e.getSQLState();
                if (attempt < MAX_ATTEMPTS && ("40001".equals(state) || "40P01".equals(state))) {
                    sleep(10L * (1L << attempt) + ThreadLocalRandom.current().nextLong(10));
                    continue;
                }
                throw e;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String common(Stream<String> values) {
        List<String> distinct = values.distinct().collect(Collectors.toList());
        return distinct.size() == 1 ? distinct.get(0) : distinct.isEmpty() ? "" : "(mixed)";
    }

    private static OffsetDateTime instant(String iso) {
        if (iso == null || iso.isBlank()) return null;
        try {
            return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            try {
                return OffsetDateTime.parse(iso);
            } catch (RuntimeException e2) {
                return null; // kept verbatim in info; the column is only for queries
            }
        }
    }

    static String localHost() {
        String env = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return env == null ? "" : env;
        }
    }

    // ------------------------------------------------------------------------------------- connections

    Connection connect() {
        Properties p = new Properties();
        if (config.user() != null) p.setProperty("user", config.user());
        if (config.password() != null) p.setProperty("password", config.password());
        p.setProperty("currentSchema", config.schema());
        p.setProperty("ApplicationName", "dgmbench-store");
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "20");
        p.setProperty("socketTimeout", "600");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        try {
            return DriverManager.getConnection(config.url(), p);
        } catch (SQLException e) {
            throw StoreErrors.connect(config, e);
        }
    }

    private void migrate() {
        try (Connection lock = connect()) {
            // Flyway locks its history table, but creating the schema itself races: one migrator at a time.
            try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "dgmbench-store:" + config.schema());
                ps.execute();
            }
            try {
                Flyway.configure(ResultsStore.class.getClassLoader())
                        .dataSource(new ConnectingDataSource())
                        .schemas(config.schema())
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof SQLException)) cause = cause.getCause();
                StoreException.Kind kind = cause instanceof SQLException sql && "42501".equals(sql.getSQLState())
                        ? StoreException.Kind.PERMISSION_DENIED : StoreException.Kind.SCHEMA;
                throw StoreErrors.make(config, kind, "cannot create or upgrade the schema '" + config.schema()
                        + "' of the dgmbench store at " + config.where() + " (user " + config.user() + "): "
                        + e.getMessage(), e);
            } finally {
                try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                    ps.setString(1, "dgmbench-store:" + config.schema());
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "schema migration");
        }
    }

    /** Gives Flyway connections made exactly as the store's own (same properties, same error messages). */
    private final class ConnectingDataSource implements DataSource {
        @Override
        public Connection getConnection() {
            return connect();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials come from the store configuration");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) return iface.cast(this);
            throw new SQLException("not a wrapper of " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }

    /** Nothing to release: the store holds no connection between calls. */
    @Override
    public void close() {
    }
}
