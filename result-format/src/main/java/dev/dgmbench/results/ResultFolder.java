package dev.dgmbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes one run's result folder. Layout of {@code runs/<runId>/}:
 * <pre>
 * run.json         RunInfo: identity, grid point, seed, status, resolved config, times; "format": 1
 * metrics.json     RunMetrics (its sha-256 is digest.txt)
 * history.json     per-epoch losses (validation split; training split: its first images, as many) and times
 * timings.json     seconds and rates
 * provenance.json  backend, build, threads, hardware, versions, commit
 * samples.json     small image sets for grids
 * traces.json      per-step series (Langevin energy, ...)
 * digest.txt       sha-256 of the canonical metrics.json
 * model/           trained weights (written by the runner; optional for readers)
 * </pre>
 * A folder is written under a hidden temporary name and renamed in one step, so a killed run never leaves a
 * folder that looks finished: a folder named after a run id is complete by construction.
 */
public final class ResultFolder {
    public static final String RUN = "run.json", METRICS = "metrics.json", HISTORY = "history.json",
            TIMINGS = "timings.json", PROVENANCE = "provenance.json", SAMPLES = "samples.json",
            TRACES = "traces.json", DIGEST = "digest.txt", MODEL_DIR = "model";

    /**
     * The version of this layout, written into run.json as {@code "format"}: a reader refuses a version it does not
     * know rather than guessing. Folders written before the field existed have none and are version 1.
     */
    public static final int FORMAT = 1;
    static final String FORMAT_FIELD = "format";
    /** Fields of run.json without which a run cannot be counted, compared or stored. */
    static final List<String> REQUIRED = List.of("runId", "study", "specDigest", "gridPoint", "seed", "status");

    private ResultFolder() {
    }

    /** Files the runner adds to the folder before it is published (e.g. model weights). */
    @FunctionalInterface
    public interface Extras {
        void writeInto(Path tmpRunDir) throws IOException;
    }

    /** Writes the run into {@code runsDir/<runId>} atomically, replacing an older folder of that id. */
    public static Path commit(Path runsDir, RunResult result, Extras extras) {
        String id = result.info().runId();
        Path target = runsDir.resolve(id);
        Path tmp = runsDir.resolve("." + id + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(runsDir);
            deleteTree(tmp);
            Files.createDirectories(tmp);
            ObjectNode run = CanonicalJson.MAPPER.valueToTree(result.info());
            writeJson(tmp.resolve(RUN), run.put(FORMAT_FIELD, FORMAT));
            writeJson(tmp.resolve(METRICS), result.metrics());
            writeJson(tmp.resolve(HISTORY), result.history());
            writeJson(tmp.resolve(TIMINGS), result.timings());
            writeJson(tmp.resolve(PROVENANCE), result.provenance());
            if (result.samples() != null) writeJson(tmp.resolve(SAMPLES), result.samples());
            writeJson(tmp.resolve(TRACES), result.traces());
            Files.writeString(tmp.resolve(DIGEST), Digests.ofMetrics(result.metrics()) + "\n", StandardCharsets.UTF_8);
            if (extras != null) extras.writeInto(tmp);
            if (Files.exists(target)) {
                // Replace: move the old one aside first so the rename below stays a single step.
                Path old = runsDir.resolve("." + id + ".old-" + ProcessHandle.current().pid());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                deleteTree(old);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write result folder " + target + ": " + e.getMessage(), e);
        }
    }

    /** Reads a published run folder; the digest is recomputed and checked against digest.txt. */
    public static RunResult read(Path runDir) {
        RunInfo info = readInfo(runDir.resolve(RUN));
        RunMetrics metrics = CanonicalJson.read(runDir.resolve(METRICS), RunMetrics.class);
        List<EpochRecord> history = readJson(runDir.resolve(HISTORY), new TypeReference<>() {});
        Map<String, Double> timings = readJson(runDir.resolve(TIMINGS), new TypeReference<>() {});
        Map<String, String> provenance = readJson(runDir.resolve(PROVENANCE), new TypeReference<>() {});
        SampleSets samples = Files.exists(runDir.resolve(SAMPLES)) ? CanonicalJson.read(runDir.resolve(SAMPLES), SampleSets.class) : null;
        Map<String, double[]> traces = readJson(runDir.resolve(TRACES), new TypeReference<>() {});
        String digest = Digests.ofMetrics(metrics);
        Path digestFile = runDir.resolve(DIGEST);
        try {
            String stored = Files.readString(digestFile, StandardCharsets.UTF_8).trim();
            if (!stored.equals(digest)) {
                throw new ResultFormatException(digestFile, "digest " + stored + " does not match metrics.json (" + digest + "): the metrics were changed after the run");
            }
        } catch (IOException e) {
            throw new ResultFormatException(digestFile, "cannot read digest: " + e.getMessage(), e);
        }
        return new RunResult(info, metrics, history, timings, provenance, samples, traces, digest);
    }

    /** run.json, refused with the file and field named when its format is unknown or a required field is missing. */
    static RunInfo readInfo(Path file) {
        JsonNode node;
        try {
            node = CanonicalJson.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ResultFormatException(file, "cannot read RunInfo: " + CanonicalJson.originalMessage(e), e);
        }
        if (node == null || !node.isObject()) {
            throw new ResultFormatException(file, "is not a JSON object; allowed: a run.json written by dgmbench");
        }
        JsonNode format = node.get(FORMAT_FIELD);
        if (format != null && !(format.isIntegralNumber() && format.asLong() == FORMAT)) {
            throw new ResultFormatException(file, FORMAT_FIELD + ": " + format + " is a result format this dgmbench does"
                    + " not read; allowed: " + FORMAT + " (a newer or another tool wrote it: read it with that one)");
        }
        for (String field : REQUIRED) {
            if (!node.hasNonNull(field)) {
                throw new ResultFormatException(file, field + ": missing; allowed: a run.json with the fields "
                        + String.join(", ", REQUIRED) + " (as dgmbench writes it)");
            }
        }
        try {
            return CanonicalJson.MAPPER.treeToValue(node, RunInfo.class);
        } catch (IOException e) {
            throw new ResultFormatException(file, "cannot read RunInfo: " + CanonicalJson.originalMessage(e), e);
        }
    }

    /** Published run folders under {@code runsDir}, sorted by name (temporary folders are skipped). */
    public static List<Path> list(Path runsDir) {
        if (!Files.isDirectory(runsDir)) return List.of();
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.exists(p.resolve(DIGEST)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where damaged run folders are moved aside (kept for inspection, never read as results). */
    public static final String DAMAGED = ".damaged";

    /**
     * Removes leftovers of killed writers (hidden temporary folders; not {@value #DAMAGED}). Only safe while no
     * other study writes to the folder: the caller holds the output folder's lock.
     */
    public static void sweepTemporaries(Path runsDir) {
        if (!Files.isDirectory(runsDir)) return;
        try (Stream<Path> s = Files.list(runsDir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals(DAMAGED)).toList()) deleteTree(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, CanonicalJson.canonical(value) + "\n");
    }

    private static <T> T readJson(Path file, TypeReference<T> type) {
        try {
            return CanonicalJson.MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new ResultFormatException(file, "cannot read: " + CanonicalJson.originalMessage(e), e);
        }
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

}
