package dev.dgmbench.reports;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module's packages import only the layers below them (as each package-info says), so no package imports
 * another that imports it back. Read from the compiled classes with jdeps, so fully qualified names count too.
 */
class PackageLayersTest {
    private static final String BASE = "dev.dgmbench.reports";
    /** Each package and the reports packages it may import. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            BASE + ".render", Set.of(),
            BASE + ".analysis", Set.of(BASE + ".render"),
            BASE + ".charts", Set.of(BASE + ".analysis", BASE + ".render"),
            BASE + ".study", Set.of(BASE + ".charts", BASE + ".analysis", BASE + ".render"),
            BASE + ".compare", Set.of(BASE + ".charts", BASE + ".analysis", BASE + ".render"),
            BASE, Set.of(BASE + ".study", BASE + ".compare", BASE + ".charts", BASE + ".analysis", BASE + ".render"));

    @Test
    void everyPackageImportsOnlyTheLayersBelowIt() {
        Map<String, Set<String>> found = dependencies(Path.of("target/classes"));
        assertEquals(ALLOWED.keySet(), found.keySet(), "the module's packages");
        found.forEach((pkg, deps) -> assertTrue(ALLOWED.get(pkg).containsAll(deps),
                pkg + " imports " + deps + ", allowed: " + ALLOWED.get(pkg)));
        found.forEach((pkg, deps) -> deps.forEach(d ->
                assertTrue(!found.getOrDefault(d, Set.of()).contains(pkg), pkg + " and " + d + " import each other")));
    }

    /** Package -> the other reports packages its classes refer to, from {@code jdeps -verbose:package}. */
    static Map<String, Set<String>> dependencies(Path classes) {
        assertTrue(Files.isDirectory(classes.resolve("dev/dgmbench/reports")), "compiled classes in " + classes);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none", classes.toString());
        assertEquals(0, rc, out.toString());
        Pattern edge = Pattern.compile("^\\s+(" + Pattern.quote(BASE) + "[\\w.]*)\\s+->\\s+(\\S+)", Pattern.MULTILINE);
        Map<String, Set<String>> deps = new TreeMap<>();
        Matcher m = edge.matcher(out.toString());
        while (m.find()) {
            String from = m.group(1), to = m.group(2);
            Set<String> set = deps.computeIfAbsent(from, k -> new TreeSet<>());
            if (!to.equals(from) && (to.equals(BASE) || to.startsWith(BASE + "."))) set.add(to);
        }
        return deps;
    }
}
