package dev.dgmbench.suite.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dgmbench.results.Digests;
import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.ReferenceStudy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doors other than the spec, through the real command line, on copies of one finished tiny study: result files
 * from elsewhere (unknown format, missing fields, stray folders, non-finite metrics), markup in spec text, a report
 * that cannot be written, credentials in a store URL, faults of the machine (ulimit -f, a missing java.io.tmpdir) and
 * scheduler variables set but empty. Each bad input exits 2 naming the file, field, variable or limit, shows no
 * exception, and loses nothing. (Options and paths: cli-invalid.txt, run by BadInputCorpusTest.)
 */
class ResultDoorsE2ETest extends ReferenceStudy {
    private static final String RUN = "beta=0.2_seed=1", OTHER = "beta=1.0_seed=2";

    @Test
    void aBackupCopyOrARenamedFolderIsNotCountedAsARunAndIsNamed() throws IOException {
        Path f = copy("strays");
        E2E.copyTree(runDir(f, RUN), runDir(f, RUN + ".bak"));
        Files.move(runDir(f, OTHER), runDir(f, "beta=1.0_seed=3"));
        E2E.copyTree(runDir(f, RUN), runDir(f, OTHER)); // a planned name holding another run
        E2E.Result r = E2E.cli("report", f.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        assertTrue(r.err().contains("3 folder(s) not counted as runs of tiny: beta=0.2_seed=1.bak (not a run of the study's"
                + " plan), " + OTHER + " (its run.json is the run " + RUN + "), beta=1.0_seed=3 (not a run of the study's plan)"), r::toString);
        assertEquals(List.of("beta=0.2_seed=1", "beta=0.2_seed=2", "beta=1.0_seed=1"),
                StudyResults.read(f).runs().stream().map(x -> x.info().runId()).toList());
        String md = Files.readString(f.resolve("report/report.md"));
        assertTrue(md.contains("**3 OK · 0 failed · 4 planned"), "n counts the study's runs only");
        assertTrue(md.contains("| " + OTHER + " |  |  | no result folder"), "the displaced run is missing, not counted");
    }

    @Test
    void aRunOfAnUnknownFormatOrWithoutAFieldIsBadInputForReportCompareAndPush() throws IOException {
        Path future = copy("future");
        edit(future, RUN, "run.json", t -> t.replace("\"format\" : 1", "\"format\" : 2"));
        String expected = runDir(future, RUN).resolve("run.json") + ": format: 2 is a result format this dgmbench does not read;"
                + " allowed: 1";
        for (List<String> args : List.of(List.of("report", future.toString()),
                List.of("compare", reference.toString(), future.toString(), "--out", tmp.resolve("cmp-future").toString()),
                List.of("push", future.toString(), "--store", "jdbc:postgresql://127.0.0.1:1/none"))) {
            E2E.Result r = E2E.cli(args.toArray(String[]::new));
            assertBadInput(r, expected);
        }
        assertFalse(Files.exists(future.resolve("report")), "no report of a folder that cannot be read");
        assertFalse(Files.exists(tmp.resolve("cmp-future")), "no comparison either");

        Path partial = copy("partial");
        edit(partial, RUN, "run.json", t -> t.replaceAll("\n\\s*\"status\" : \"OK\",", ""));
        assertBadInput(E2E.cli("report", partial.toString()), runDir(partial, RUN).resolve("run.json")
                + ": status: missing; allowed: a run.json with the fields runId, study, specDigest, gridPoint, seed, status");
    }

    @Test
    void nonFiniteMetricsAreShownAndLeftOutOfTheStatistics() throws IOException {
        Path f = copy("nan");
        setMetric(f, RUN, "nll", "\"NaN\"");
        setMetric(f, OTHER, "kl", "\"Infinity\"");
        E2E.Result r = E2E.cli("report", f.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        String md = Files.readString(f.resolve("report/report.md"));
        assertTrue(md.contains("| " + RUN + " | beta=0.2 | 1 | nll = NaN: not a finite number, left out of the statistics |"), md);
        assertTrue(md.contains("| " + OTHER + " | beta=1.0 | 2 | kl = Infinity: not a finite number, left out of the statistics |"), md);
        // the claim on kl has one finite value left in the beta = 1.0 group: not evaluated, with the reason
        E2E.Result verify = E2E.cli("report", f.toString());
        assertEquals(Main.OK, verify.code(), verify::toString);
    }

    @Test
    void specTextReachesTheMarkdownReportAsTextNotMarkup() throws IOException {
        Path f = copy("markup");
        String hostile = "<script>alert(1)</script> see [here](javascript:alert(2)) <img src=x onerror=alert(3)>";
        ObjectNode study = (ObjectNode) CanonicalJson.MAPPER.readTree(f.resolve("study.json").toFile());
        study.put("description", hostile);
        Files.writeString(f.resolve("study.json"), CanonicalJson.canonical(study));
        Files.writeString(f.resolve("claims.json"), Files.readString(f.resolve("claims.json"))
                .replace("The KL value is higher for the models with higher beta", hostile));
        E2E.Result r = E2E.cli("report", f.toString());
        assertEquals(Main.OK, r.code(), r::toString);
        for (String file : List.of("report.md", "report.html")) {
            String text = Files.readString(f.resolve("report").resolve(file));
            for (String live : List.of("<script>alert", "<img src=x", "](javascript:")) {
                // an inline link is markup in Markdown only
                if (file.endsWith(".md") || live.startsWith("<")) assertFalse(text.contains(live), file + " holds live markup '" + live + "'");
            }
        }
        String md = Files.readString(f.resolve("report/report.md"));
        assertTrue(md.contains("&lt;script&gt;alert(1)&lt;/script&gt; see [here]\\(javascript:alert(2))"), md);
    }

    @Test
    void aRunWhoseReportCannotBeWrittenDoesNotExitZeroAndKeepsItsRuns() throws IOException {
        Path f = copy("report-in-the-way");
        Files.writeString(f.resolve("report"), "a file where the report folder belongs\n");
        E2E.Result r = E2E.cli("run", spec.toString(), "--out", f.toString(), "-q", "--workers", "1");
        assertBadInput(r, f.resolve("report") + ": is in the way");
        assertEquals(E2E.RUN_IDS, E2E.published(f), "the runs are kept");
    }

    @Test
    void aStoreUrlWithAMistypedSchemeDoesNotShowItsPassword() {
        E2E.Result r = E2E.cli("push", reference.toString(), "--store", "jdbc:postgresq://bob:S3cretPW@db.example:5432/results");
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertFalse(r.err().contains("S3cretPW") || r.out().contains("S3cretPW"), r::toString);
        assertTrue(r.err().contains("jdbc:postgresq://bob:***@db.example:5432/results"), r::toString);
    }

    @Test
    void faultsOfTheMachineNameThePathOrTheLimit() throws Exception {
        Path f = copy("ulimit");
        E2E.Result small = child(List.of("ulimit -f 8;"), List.of(), "report", f.toString());
        assertBadInput(small, "File too large: the file size limit of this shell (ulimit -f) is below what dgmbench writes");

        Path missing = tmp.resolve("no-such-tmp");
        E2E.Result tmpdir = child(List.of(), List.of("-Djava.io.tmpdir=" + missing), "report", f.toString());
        assertBadInput(tmpdir, "error: java.io.tmpdir " + missing + ": does not exist or is not a folder");
    }

    @Test
    void schedulerVariablesSetButEmptyAreNamed() throws Exception {
        E2E.Result slurm = SchedulerShardE2ETest.dgmbench(Map.of("SLURM_ARRAY_TASK_ID", "", "SLURM_ARRAY_TASK_COUNT", "2"),
                "explain", spec.toString(), "--shard", "auto");
        assertBadInput(slurm, "SLURM_ARRAY_TASK_ID='' (read for --shard auto) is set but empty");
        E2E.Result k8s = SchedulerShardE2ETest.dgmbench(Map.of("JOB_COMPLETION_INDEX", " ", "DGMBENCH_SHARD_COUNT", "2"),
                "run", spec.toString(), "--shard", "auto", "--out", tmp.resolve("never").toString());
        assertBadInput(k8s, "JOB_COMPLETION_INDEX=' ' (read for --shard auto) is set but empty");
        assertFalse(Files.exists(tmp.resolve("never").resolve("runs")), "nothing ran");
        E2E.Result huge = SchedulerShardE2ETest.dgmbench(Map.of("SLURM_ARRAY_TASK_ID", "2147483647", "SLURM_ARRAY_TASK_COUNT", "2"),
                "explain", spec.toString(), "--shard", "auto");
        assertBadInput(huge, "SLURM_ARRAY_TASK_ID=2147483647 is out of range: task 2147483648 of the array, beyond its 2 tasks");
    }

    private static void assertBadInput(E2E.Result r, String expected) {
        assertEquals(Main.BAD_INPUT, r.code(), r::toString);
        assertTrue(r.err().contains(expected), () -> "expected '" + expected + "' in:\n" + r);
        // the JVM property's name is no exception text
        String err = r.err().replace("java.io.tmpdir", "tmpdir"), out = r.out().replace("java.io.tmpdir", "tmpdir");
        for (String word : BadInputCorpusTest.FORBIDDEN) {
            assertFalse(err.contains(word) || out.contains(word), () -> "shows '" + word + "':\n" + r);
        }
    }

    private static Path copy(String name) {
        Path f = tmp.resolve(name);
        E2E.copyTree(reference, f);
        return f;
    }

    private static Path runDir(Path folder, String id) {
        return folder.resolve(StudyResults.RUNS).resolve(id);
    }

    private static void edit(Path folder, String id, String file, UnaryOperator<String> change) throws IOException {
        Path p = runDir(folder, id).resolve(file);
        String before = Files.readString(p), after = change.apply(before);
        assertFalse(before.equals(after), "the edit of " + p + " changed nothing");
        Files.writeString(p, after);
    }

    /** Sets a model metric to a JSON value and rewrites digest.txt, as a tool that computed it so would. */
    private static void setMetric(Path folder, String id, String metric, String json) throws IOException {
        edit(folder, id, ResultFolder.METRICS, t -> t.replaceFirst("\"" + metric + "\" : [^,\n]+", "\"" + metric + "\" : " + json));
        RunMetrics m = CanonicalJson.read(runDir(folder, id).resolve(ResultFolder.METRICS), RunMetrics.class);
        Files.writeString(runDir(folder, id).resolve(ResultFolder.DIGEST), Digests.ofMetrics(m) + "\n");
    }

    /** {@code dgmbench args} in a child JVM started by bash after {@code shell} (e.g. a ulimit), with {@code jvmArgs}. */
    private static E2E.Result child(List<String> shell, List<String> jvmArgs, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC"));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        StringBuilder line = new StringBuilder(String.join(" ", shell)).append(" exec");
        for (String c : cmd) line.append(" '").append(c.replace("'", "'\\''")).append("'");
        Path out = tmp.resolve("child.out"), err = tmp.resolve("child.err");
        Process p = new ProcessBuilder("bash", "-c", line.toString()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "dgmbench " + String.join(" ", args) + " did not finish");
        return new E2E.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
