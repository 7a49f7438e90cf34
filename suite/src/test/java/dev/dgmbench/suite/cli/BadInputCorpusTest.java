package dev.dgmbench.suite.cli;

import dev.dgmbench.suite.run.E2E;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The corpus of bad inputs through the real command line: every spec of src/test/resources/specs-invalid (with
 * {@code validate}, and with {@code run --out} for those naming data files) and every case of cli-invalid.txt exits
 * 2 within a time bound, says what its header expects (file, field, words), shows no exception or stack trace, and
 * writes nothing: no output folder, nothing new beside the inputs.
 */
class BadInputCorpusTest {
    static final Duration BOUND = Duration.ofSeconds(20);
    /** Words a user must never see for bad input: Java exception names and stack frames. */
    static final List<String> FORBIDDEN = List.of("Exception", "\tat ", "java.lang", "java.nio", "java.io");

    @TempDir
    static Path tmp;

    record Case(String name, List<String> args, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(BadInputCorpusTest.class.getResource("/" + name).toURI());
    }

    @BeforeAll
    static void makeFiles() throws IOException {
        Files.writeString(tmp.resolve("a-file"), "not a folder\n");
        Files.write(tmp.resolve("utf16.yaml"), "name: utf16\n".getBytes(StandardCharsets.UTF_16));
        Files.write(tmp.resolve("binary.yaml"), new byte[]{'n', 'a', 'm', 'e', 0, 1, 2, (byte) 0xff});
        Files.write(tmp.resolve("latin1.yaml"), concat("name: latin1\n".getBytes(StandardCharsets.US_ASCII),
                new byte[]{'#', ' ', (byte) 0xE9, '\n'}));
        Files.write(tmp.resolve("huge.yaml"), ("#" + "x".repeat((2 << 20) - 2) + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.writeString(tmp.resolve("seeds.yaml"), "name: seeds\nseeds: ["
                + LongStream.rangeClosed(1, 100_000).mapToObj(Long::toString).collect(Collectors.joining(", ")) + "]\n");
        // links: to a system folder, to the root, in a loop, to nothing
        Files.createSymbolicLink(tmp.resolve("to-etc"), Path.of("/etc"));
        Files.createSymbolicLink(tmp.resolve("to-root"), Path.of("/"));
        Files.createSymbolicLink(tmp.resolve("loop-a"), tmp.resolve("loop-b"));
        Files.createSymbolicLink(tmp.resolve("loop-b"), tmp.resolve("loop-a"));
        Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        // result folders of two studies (enough for compare to see whose they are), a link to one, one without a name
        for (String study : List.of("a", "b")) {
            Files.createDirectories(tmp.resolve("study-" + study).resolve("runs"));
            Files.writeString(tmp.resolve("study-" + study).resolve("study.json"), "{\"name\": \"" + study + "\", \"runIds\": []}\n");
        }
        Files.createSymbolicLink(tmp.resolve("link-to-a"), tmp.resolve("study-a"));
        Files.createDirectories(tmp.resolve("study-empty"));
        Files.writeString(tmp.resolve("study-empty").resolve("study.json"), "{}\n");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Stream<Case> specCases() throws IOException, URISyntaxException {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(resource("specs-invalid"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> fragments = new ArrayList<>();
                for (String line : Files.readAllLines(f)) {
                    if (!line.startsWith("# error: ")) continue;
                    String[] parts = line.substring("# error: ".length()).split(" \\| ");
                    String[] head = parts[0].trim().split(" ", 2);
                    // file:line: field: problem
                    fragments.add(f.getFileName() + ":" + head[0] + ": " + (head.length > 1 ? head[1] + ": " : ""));
                    for (int i = 1; i < parts.length; i++) fragments.add(parts[i].trim());
                }
                String name = f.getFileName().toString();
                out.add(new Case(name, List.of("validate", f.toString()), fragments));
                if (name.startsWith("idx-")) {
                    out.add(new Case(name + " (run)", List.of("run", f.toString(), "--out", "{tmp}/out-" + name,
                            "--quiet", "--no-report"), fragments));
                }
            }
        }
        return out.stream();
    }

    static Stream<Case> cliCases() throws IOException, URISyntaxException {
        List<Case> out = new ArrayList<>();
        for (String line : Files.readAllLines(resource("cli-invalid.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split(" \\| ");
            List<String> fragments = new ArrayList<>();
            for (int i = 2; i < parts.length; i++) fragments.add(parts[i].trim());
            out.add(new Case(parts[0].trim(), List.of(parts[1].trim().split(" ")), fragments));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"specCases", "cliCases"})
    void badInputExitsTwoAndSaysWhatIsWrong(Case c) throws Exception {
        String specs = resource("specs-invalid").toString();
        List<String> args = c.args().stream().map(a -> a.replace("{tmp}", tmp.toString()).replace("{specs}", specs)).toList();
        List<String> before = listing(tmp);
        List<String> dataBefore = listing(resource("data-invalid"));
        E2E.Result r = assertTimeoutPreemptively(BOUND, () -> E2E.cli(args.toArray(String[]::new)), c.name() + " took too long");
        assertEquals(2, r.code(), c.name() + ": " + r);
        for (String fragment : c.fragments()) {
            String f = fragment.replace("{tmp}", tmp.toString());
            assertTrue(r.err().contains(f), c.name() + ": expected '" + f + "' in:\n" + r.err());
        }
        for (String word : FORBIDDEN) {
            assertFalse(r.err().contains(word) || r.out().contains(word), c.name() + ": shows '" + word + "':\n" + r);
        }
        assertEquals(before, listing(tmp), c.name() + " wrote into the test folder");
        assertEquals(dataBefore, listing(resource("data-invalid")), c.name() + " wrote beside the data");
        assertFalse(Files.exists(Path.of("/etc/dgmbench-study")), "nothing in /etc");
        assertFalse(Files.exists(Path.of("/etc/study")), "nothing in /etc through a link");
    }

    @Test
    void theCorpusHoldsAtLeastSixtyDistinctFaults() throws Exception {
        long specs = specCases().filter(c -> c.args().get(0).equals("validate")).count();
        long cli = cliCases().count();
        assertTrue(specs + cli >= 60, specs + " spec faults + " + cli + " command-line faults");
    }

    @Test
    void anAbsurdEpochCountIsExplainedWithAWarning() throws IOException {
        Path spec = tmp.resolve("epochs/long.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "name: long\ntraining:\n  max_epochs: 2000000000\n");
        E2E.Result r = E2E.cli("explain", spec.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("warning: long: the study is estimated at "), r.out());
        assertTrue(r.out().contains(" h (more than 48 h), most of it in train; check training.max_epochs, the split"
                + " and model.hidden"), r.out());
        E2E.Result v = E2E.cli("validate", spec.toString());
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.err().contains("warning: long: the study is estimated at "), v.err());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
