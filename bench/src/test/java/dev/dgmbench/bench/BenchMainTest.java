package dev.dgmbench.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dgmbench bench} as a command: options described in --help, bad arguments refused with exit 2. */
class BenchMainTest {
    record Result(int code, String out, String err) {
    }

    private static synchronized Result bench(Map<String, String> env, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            BenchMain cmd = new BenchMain();
            if (env != null) cmd.env = env;
            int code = new picocli.CommandLine(cmd).execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsEveryOptionWithItsDescription() {
        Result r = bench(null, "--help");
        assertEquals(0, r.code(), r::toString);
        for (String opt : new String[]{"--out=FILE", "--quick", "--param=NAME=V1,V2", "--any-threads", "-q, --quiet", "REGEX",
                "VaeTrainingBench.trainStep"}) {
            assertTrue(r.out().contains(opt), opt + " missing from:\n" + r.out());
        }
        assertTrue(r.out().contains("JMH include pattern"), r.out());
    }

    @Test
    void unknownOptionsAndAMissingOutAreRefusedWithExitTwo() {
        Result unknown = bench(null, "--out", "x.json", "--fast");
        assertEquals(2, unknown.code(), unknown::toString);
        assertTrue(unknown.err().contains("Unknown option: '--fast'"), unknown::toString);
        assertTrue(unknown.err().contains("--quick"), "the usage follows: " + unknown);

        Result noOut = bench(null, "--quick");
        assertEquals(2, noOut.code(), noOut::toString);
        assertTrue(noOut.err().contains("Missing required option: '--out=FILE'"), noOut::toString);
    }

    @Test
    void threadsOtherThanOneAreRefusedBeforeAnythingRuns() {
        Result r = bench(Map.of("OMP_NUM_THREADS", "8"), "--out", "never.json");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("OMP_NUM_THREADS is 8") && r.err().contains("--any-threads"), r::toString);
        assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("never.json")));
    }
}
