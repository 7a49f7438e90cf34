package dev.dgmbench.suite.run;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.cli.Main;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Helpers of the end-to-end tests ({@code StudyRunE2ETest}, {@code CliE2ETest}): the tiny study of
 * {@code src/test/resources/e2e/tiny.yaml} (2 betas x 2 seeds = 4 runs, a few seconds each), the command line run
 * in-process with its output captured, and byte-wise comparison of result folders.
 */
public final class E2E {
    /** The runs of tiny.yaml in plan order (grid first, seeds fastest). */
    public static final List<String> RUN_IDS = List.of("beta=0.2_seed=1", "beta=0.2_seed=2", "beta=1.0_seed=1",
            "beta=1.0_seed=2");
    public static final String CLAIM = "kl-higher-for-higher-beta";

    private E2E() {
    }

    /** Copies the tiny spec into {@code dir} (the workers read it again by path) and returns its path. */
    public static Path tinySpec(Path dir) {
        return tinySpec(dir, "tiny.yaml", text -> text);
    }

    /** The tiny spec, edited, written to {@code dir/name}. */
    public static Path tinySpec(Path dir, String name, java.util.function.UnaryOperator<String> edit) {
        try (InputStream in = E2E.class.getResourceAsStream("/e2e/tiny.yaml")) {
            if (in == null) throw new IllegalStateException("test resource /e2e/tiny.yaml is missing");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Path p = dir.resolve(name);
            Files.createDirectories(dir);
            Files.writeString(p, edit.apply(text), StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a command printed and returned. */
    public record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * {@code dgmbench args...} in this JVM, with System.out and System.err captured. Worker JVMs write to the
     * inherited file descriptors, not to these streams, so their progress still shows in the test log.
     */
    public static synchronized Result cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        Result r = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (!r.err().isBlank()) oldErr.print(r.err());
        return r;
    }

    /**
     * {@code dgmbench args...} in a JVM of its own (as a user would start it), stdout and stderr into {@code log};
     * for tests that kill it or start two at once.
     */
    public static Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "dev.dgmbench.suite.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** {@code run SPEC --out DIR --no-report --workers 1 [extra...]} in a JVM of its own; see {@link #start}. */
    public static Process startRun(Path spec, Path out, Path log, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", spec.toString(), "--out", out.toString(),
                "--no-report", "--workers", "1"));
        args.addAll(List.of(extra));
        return start(log, args.toArray(String[]::new));
    }

    /** Polls until {@code condition} holds while {@code p} runs; fails if it ends first or after 120 s. */
    public static void await(Process p, Path log, String what, java.util.function.BooleanSupplier condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) fail("the process ended (exit " + p.exitValue() + ") before " + what + "\n" + Files.readString(log));
            if (System.nanoTime() > deadline) fail("not within 120 s: " + what + "\n" + Files.readString(log));
            Thread.sleep(20);
        }
    }

    /** {@code run SPEC --out DIR --quiet --no-report --workers N [extra...]}, asserting exit code 0. */
    public static Result run(Path spec, Path out, int workers, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", spec.toString(), "--out", out.toString(),
                "--quiet", "--no-report", "--workers", Integer.toString(workers)));
        args.addAll(List.of(extra));
        Result r = cli(args.toArray(String[]::new));
        assertEquals(Main.OK, r.code(), () -> "run " + String.join(" ", extra) + " failed: " + r);
        return r;
    }

    /** Names in {@code folder/runs} (published runs and hidden temporaries alike), sorted. */
    public static List<String> runEntries(Path folder) {
        Path runs = folder.resolve(StudyResults.RUNS);
        if (!Files.isDirectory(runs)) return List.of();
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The published run ids (as the readers see them: not hidden, with a digest). */
    public static List<String> published(Path folder) {
        return ResultFolder.list(folder.resolve(StudyResults.RUNS)).stream().map(p -> p.getFileName().toString()).toList();
    }

    /** run id -> bytes of {@code runs/<id>/<file>} for every published run. */
    public static Map<String, byte[]> fileOfRuns(Path folder, String file) {
        Map<String, byte[]> out = new TreeMap<>();
        for (String id : published(folder)) {
            try {
                out.put(id, Files.readAllBytes(folder.resolve(StudyResults.RUNS).resolve(id).resolve(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** Asserts that both folders hold the same runs with byte-identical digest.txt and metrics.json. */
    public static void assertSameResults(Path expected, Path actual) {
        for (String file : List.of(ResultFolder.DIGEST, ResultFolder.METRICS)) {
            Map<String, byte[]> a = fileOfRuns(expected, file), b = fileOfRuns(actual, file);
            assertEquals(a.keySet(), b.keySet(), "runs of " + actual + " vs " + expected);
            for (String id : a.keySet()) {
                assertArrayEquals(a.get(id), b.get(id), () -> file + " of " + id + " differs between " + expected
                        + " and " + actual + ":\n" + new String(a.get(id), StandardCharsets.UTF_8) + "\nvs\n"
                        + new String(b.get(id), StandardCharsets.UTF_8));
            }
        }
    }

    /** Copies a whole folder tree (result folders are small). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses claims-junit.xml (well-formed XML with a {@code <testsuite>} root, or the test fails). */
    public static Document junit(Path folder) {
        Path file = folder.resolve(StudyResults.JUNIT);
        assertTrue(Files.isRegularFile(file), "no " + file);
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(file.toFile());
            assertEquals("testsuite", d.getDocumentElement().getTagName());
            return d;
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + file + ": " + e, e);
        }
    }

    /** {@code text} with its one occurrence of {@code from} replaced (a spec edit that must not miss or repeat). */
    public static String replaceOnce(String text, String from, String to) {
        int n = text.split(java.util.regex.Pattern.quote(from), -1).length - 1;
        if (n != 1) throw new IllegalStateException(n + " occurrences of '" + from + "' in the spec, expected exactly one");
        return text.replace(from, to);
    }
}
