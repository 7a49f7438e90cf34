package dev.dgmbench.suite.run;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.StudyInfo;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Whose runs an output folder holds, checked before a study writes there: a folder with finished runs of another
 * study (its spec in {@code spec.yaml} or {@code study.json} differs in a field the runs depend on: all but the
 * description, the claims, the output and the backends; or the runs name another study) is refused with the fields
 * that differ, so a changed spec never replaces results silently; a changed claim is simply judged anew; with {@code --force} the other study's files are moved
 * to {@code replaced/<time>/} (kept, not deleted). A folder that is not empty and holds no study at all is refused
 * even with {@code --force}: it is somebody's folder, not a result folder.
 */
public final class FolderOwnership {
    /** Where replaced studies and runs are kept, each under a folder named by the time it was replaced. */
    public static final String REPLACED = "replaced";
    /** The operative spec (after command-line changes, every default written out), beside the results. */
    public static final String SPEC = "spec.yaml";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Files of a study at the top of its folder, moved aside whole when another study replaces it. */
    private static final List<String> STUDY_FILES = List.of(StudyResults.STUDY, SPEC, PlanFile.FILE,
            StudyResults.CLAIMS, StudyResults.JUNIT, "report", StudyResults.RUNS);

    private FolderOwnership() {
    }

    /**
     * InputChecks that {@code folder} may hold {@code spec}'s results; with {@code force}, moves another study's files
     * aside first (saying where on {@code log}).
     *
     * @throws BadInputException naming both studies and the fields that differ
     */
    static void claim(Path folder, StudySpec spec, boolean force, PrintStream log) {
        if (!Files.isDirectory(folder)) return;
        Path runs = folder.resolve(StudyResults.RUNS);
        Optional<StudyInfo> info = studyInfo(folder);
        List<Path> finished = ResultFolder.list(runs);
        if (info.isEmpty() && finished.isEmpty()) {
            List<String> foreign = foreignEntries(folder);
            if (!foreign.isEmpty()) {
                throw new BadInputException(folder + ": the folder is not empty and holds no study (no "
                        + StudyResults.STUDY + "; it has " + String.join(", ", foreign) + (foreign.size() == 5 ? ", ..." : "")
                        + "); allowed: a new or empty folder, or the result folder of this study; choose another --out");
            }
            return;
        }
        if (finished.isEmpty()) return; // nothing to lose
        Optional<List<String>> diff = differences(folder, info, spec, finished);
        if (diff.isEmpty()) return; // the same study (its claims or description may have changed: they are judged anew)
        String otherName = info.map(StudyInfo::name).orElseGet(() -> runStudies(finished).stream().findFirst().orElse("?"));
        String otherDigest = info.map(StudyInfo::specDigest).orElse(null);
        if (!force) {
            throw new BadInputException(folder + " holds " + finished.size() + " finished run(s) of study '" + otherName
                    + "' (spec digest " + shortDigest(otherDigest) + "), not of this study '" + spec.name()
                    + "' (spec digest " + shortDigest(spec.canonicalDigest()) + ")" + (diff.get().isEmpty() ? ""
                    : "; the specs differ in " + diff.get().size() + " field(s): " + String.join("; ", diff.get()))
                    + ". Nothing was changed; allowed: a fresh --out, or --force to replace them (the replaced"
                    + " runs are kept under " + folder.resolve(REPLACED) + "/<time>/)");
        }
        Path aside = moveAside(folder, STUDY_FILES);
        log.println("--force: the " + finished.size() + " run(s) of study '" + otherName + "' (spec digest "
                + shortDigest(otherDigest) + ") are moved to " + aside);
    }

    /**
     * How the folder's study differs from {@code spec} in what its runs depend on (every field but those
     * {@link #identity} leaves out): empty when it is the same study, else the fields as
     * {@code path: old -> new} (an empty list when the folder's spec cannot be read back but its digest differs).
     */
    static Optional<List<String>> differences(Path folder, Optional<StudyInfo> info, StudySpec spec, List<Path> finished) {
        Optional<StudySpec> old = oldSpec(folder, info);
        if (old.isPresent()) {
            List<String> out = new ArrayList<>();
            changedFields(identity(old.get()), identity(spec)).forEach((k, xy) -> out.add(k + ": " + show(xy[0]) + " -> " + show(xy[1])));
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        }
        if (info.isPresent()) {
            // a study.json whose spec this version cannot read back: only an equal digest shows it is the same study
            return info.get().specDigest() != null && info.get().specDigest().equals(spec.canonicalDigest())
                    ? Optional.empty() : Optional.of(List.of());
        }
        // runs without study.json: theirs if every run names this study
        Set<String> studies = runStudies(finished);
        return studies.isEmpty() || studies.equals(Set.of(spec.name())) ? Optional.empty()
                : Optional.of(List.of("name: " + String.join(", ", studies) + " -> " + spec.name()));
    }

    /**
     * The spec as plain data without what does not change its runs: the description, the output folder, the
     * backends, and how the runs are judged (claims, their correction, the reference to reproduce), which a rerun
     * into the folder judges anew.
     */
    private static Map<String, Object> identity(StudySpec s) {
        Map<String, Object> m = s.toMap();
        for (String k : List.of("description", "claims", "claims_correction", "reference", "output", "backends")) m.remove(k);
        return m;
    }

    /**
     * Moves the named entries of {@code folder} (those present; for {@code runs}, the run folders named) into a new
     * {@code replaced/<time>/} and returns it.
     */
    static Path moveAside(Path folder, List<String> entries) {
        try {
            Path base = folder.resolve(REPLACED), target = base.resolve(STAMP.format(Instant.now()));
            for (int i = 2; Files.exists(target); i++) target = base.resolve(STAMP.format(Instant.now()) + "-" + i);
            Files.createDirectories(target);
            for (String e : entries) {
                Path from = folder.resolve(e);
                if (!Files.exists(from)) continue;
                Files.createDirectories(target.resolve(e).getParent());
                Files.move(from, target.resolve(e));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move replaced results aside in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The folder's spec: its operative {@code spec.yaml}, else the text in {@code study.json}; empty if neither reads. */
    private static Optional<StudySpec> oldSpec(Path folder, Optional<StudyInfo> info) {
        try {
            Path written = folder.resolve(SPEC);
            if (Files.isRegularFile(written)) return Optional.of(SpecLoader.parse(Files.readString(written), written.toString(), null, false));
            if (info.isPresent() && info.get().specText() != null) {
                return Optional.of(SpecLoader.parse(info.get().specText(), folder.resolve(StudyResults.STUDY).toString(), null, false));
            }
        } catch (IOException | RuntimeException e) {
            // a spec of another version of the suite: the digests still tell the studies apart
        }
        return Optional.empty();
    }

    /**
     * The fields (dotted paths, sorted) in which two nested maps of plain data differ, each with its value in
     * {@code a} and in {@code b} (null where absent).
     */
    static Map<String, Object[]> changedFields(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> x = flat(a), y = flat(b);
        Set<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        Map<String, Object[]> out = new LinkedHashMap<>();
        for (String k : keys) {
            if (!Objects.equals(CanonicalJson.canonical(x.get(k)), CanonicalJson.canonical(y.get(k)))) {
                out.put(k, new Object[]{x.get(k), y.get(k)});
            }
        }
        return out;
    }

    private static Map<String, Object> flat(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", m, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m && !prefix.equals("grid")) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey().toString() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (prefix.equals("grid")) {
            ((Map<String, Object>) v).forEach((k, x) -> out.put("grid." + k, x));
        } else {
            out.put(prefix, v);
        }
    }

    private static String show(Object v) {
        if (v == null) return "(none)";
        String s = v instanceof Map<?, ?> ? CanonicalJson.canonical(v) : String.valueOf(v); // lists as [1, 2]
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static String shortDigest(String d) {
        return d == null ? "?" : d.substring(0, Math.min(12, d.length()));
    }

    /** {@code study.json}, if it reads (a torn or foreign one is judged by the runs' own digests instead). */
    private static Optional<StudyInfo> studyInfo(Path folder) {
        Path f = folder.resolve(StudyResults.STUDY);
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.ofNullable(CanonicalJson.read(f, StudyInfo.class));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The study names the finished runs record. */
    private static Set<String> runStudies(List<Path> finished) {
        Set<String> out = new TreeSet<>();
        for (Path dir : finished) {
            try {
                String d = CanonicalJson.read(dir.resolve(ResultFolder.RUN), RunInfo.class).study();
                if (d != null) out.add(d);
            } catch (RuntimeException e) {
                // a damaged run folder: RunRepair moves it aside
            }
        }
        return out;
    }

    /** Up to five entries that a study does not write (its lock, an empty runs/ and temporary files aside). */
    private static List<String> foreignEntries(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(OutputLock.FILE) && !n.equals(StudyResults.RUNS) && !n.equals(REPLACED)
                            && !n.equals(RunQueue.DIR))
                    .filter(n -> !dev.dgmbench.results.AtomicFiles.isTemporary(n))
                    .sorted().limit(5).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }
}
