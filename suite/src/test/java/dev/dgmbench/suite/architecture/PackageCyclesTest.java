package dev.dgmbench.suite.architecture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.*;

/**
 * No package imports another that imports it back, inside modules as between them: read from every module's
 * compiled classes ({@code target/classes}) by jdeps. Any cycle fails this test with the packages
 * that close it.
 */
class PackageCyclesTest {
    /** Cycles that exist and are known, each with what closes it: none. A new entry needs a reason and an issue. */
    static final Map<Set<String>, String> KNOWN = Map.of();

    @TempDir
    Path tmp;

    /** The modules of the root pom, in order, whose classes are built (bench is built after this module). */
    static List<Path> classDirs() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(root.resolve("pom.xml")));
        List<Path> out = new ArrayList<>();
        while (m.find()) {
            Path classes = root.resolve(m.group(1)).resolve("target/classes");
            if (Files.isDirectory(classes)) out.add(classes);
        }
        return out;
    }

    @Test
    void noPackageImportsOneThatImportsItBack() throws IOException {
        List<Path> dirs = classDirs();
        assertTrue(dirs.size() >= 9, "the modules up to suite are built: " + dirs);
        Map<String, Set<String>> g = PackageCycles.read(dirs, "dev\\.dgmbench\\..*");
        assertTrue(g.getOrDefault("dev.dgmbench.suite.cli", Set.of()).contains("dev.dgmbench.suite.run"),
                "jdeps sees the imports: " + g.get("dev.dgmbench.suite.cli"));
        List<String> problems = PackageCycles.problems(g, KNOWN);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void aPlantedCycleInClassFilesFailsNamingThePair() throws IOException {
        Path src = tmp.resolve("src"), classes = tmp.resolve("classes");
        write(src.resolve("x/a/A.java"), "package x.a; public class A { x.b.B b; }");
        write(src.resolve("x/b/B.java"), "package x.b; public class B { x.a.A a; x.c.C c; }");
        write(src.resolve("x/c/C.java"), "package x.c; public class C { }");
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        assertEquals(0, javac.run(System.out, System.err, "-d", classes.toString(),
                src.resolve("x/a/A.java").toString(), src.resolve("x/b/B.java").toString(), src.resolve("x/c/C.java").toString()));
        Map<String, Set<String>> g = PackageCycles.read(List.of(classes), "x\\..*");
        assertEquals(Map.of("x.a", Set.of("x.b"), "x.b", Set.of("x.a", "x.c")), g);
        assertEquals(List.of("packages import each other: x.a -> x.b -> x.a (cycle among [x.a, x.b])"),
                PackageCycles.problems(g, Map.of()));
        assertEquals(List.of(), PackageCycles.problems(g, Map.of(Set.of("x.a", "x.b"), "known")), "a known one passes");
    }

    @Test
    void aLongerLoopIsNamedInOrderAndAKnownCycleThatGrewOrWentFails() {
        Map<String, Set<String>> g = Map.of("p", Set.of("q"), "q", Set.of("r"), "r", Set.of("p", "s"), "s", Set.of());
        assertEquals(List.of(new java.util.TreeSet<>(Set.of("p", "q", "r"))), PackageCycles.cycles(g));
        assertEquals(List.of("packages import each other: p -> q -> r -> p (cycle among [p, q, r])"),
                PackageCycles.problems(g, Map.of(Set.of("p", "q"), "was two")).subList(0, 1));
        List<String> gone = PackageCycles.problems(Map.of("p", Set.of("q")), Map.of(Set.of("p", "q"), "fixed"));
        assertEquals(List.of("the known cycle [p, q] (fixed) is gone: remove it from the list"), gone);
        assertEquals(List.of(), PackageCycles.cycles(Map.of("a", Set.of("b"), "b", Set.of("c"))), "no cycle in a chain");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
