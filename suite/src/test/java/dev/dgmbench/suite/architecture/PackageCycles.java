package dev.dgmbench.suite.architecture;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;

/**
 * Which packages use which, read from compiled classes by the JDK's {@code jdeps}, and the cycles among them: sets of
 * packages that reach each other through their imports (a package that imports another that imports it back, or a
 * longer loop).
 */
final class PackageCycles {
    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

    private PackageCycles() {
    }

    /** Package -> the packages its classes use (itself left out), for the packages matching {@code packages}. */
    static Map<String, Set<String>> read(List<Path> classDirs, String packages) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new IllegalStateException(
                "jdeps is not in this JDK; run the tests on a JDK, not a JRE"));
        List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none", "-e", packages));
        for (Path d : classDirs) args.add(d.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("jdeps " + args + " failed (" + rc + "): " + err + out);
        return parse(out.toString());
    }

    /** The edges of jdeps' {@code -verbose:package} output ({@code "   a   -> b   location"}). */
    static Map<String, Set<String>> parse(String jdepsOutput) {
        Map<String, Set<String>> g = new TreeMap<>();
        for (String line : jdepsOutput.split("\\R")) {
            Matcher m = EDGE.matcher(line);
            if (!m.find() || m.group(1).equals(m.group(2))) continue;
            g.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
        }
        return g;
    }

    /** Every set of two or more packages that reach each other (a strongly connected component), each sorted. */
    static List<SortedSet<String>> cycles(Map<String, Set<String>> g) {
        return new Tarjan(g).components();
    }

    /** A shortest loop through the component from its first package: {@code a -> b -> a} for a two-way import. */
    static String loop(Map<String, Set<String>> g, SortedSet<String> component) {
        String start = component.first();
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            for (String q : g.getOrDefault(p, Set.of())) {
                if (!component.contains(q)) continue;
                if (q.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String at = p; !at.equals(start); at = cameFrom.get(at)) path.add(0, at);
                    path.add(0, start);
                    path.add(start);
                    return String.join(" -> ", path);
                }
                if (cameFrom.putIfAbsent(q, p) == null) queue.add(q);
            }
        }
        throw new IllegalArgumentException(component + " is not a cycle");
    }

    /**
     * What is wrong with the graph's cycles against the known ones: a cycle not in {@code known} (a new one, or a
     * known one that grew), and a known one that is gone (its entry is to be removed).
     */
    static List<String> problems(Map<String, Set<String>> g, Map<Set<String>, String> known) {
        List<String> out = new ArrayList<>();
        List<SortedSet<String>> found = cycles(g);
        for (SortedSet<String> c : found) {
            if (!known.containsKey(c)) out.add("packages import each other: " + loop(g, c) + " (cycle among " + c + ")");
        }
        for (Map.Entry<Set<String>, String> k : known.entrySet()) {
            if (!found.contains(new TreeSet<>(k.getKey()))) {
                out.add("the known cycle " + new TreeSet<>(k.getKey()) + " (" + k.getValue() + ") is gone: remove it"
                        + " from the list");
            }
        }
        return out;
    }

    /** Tarjan's strongly connected components. */
    private static final class Tarjan {
        private final Map<String, Set<String>> g;
        private final Map<String, Integer> index = new LinkedHashMap<>(), low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new java.util.HashSet<>();
        private final List<SortedSet<String>> out = new ArrayList<>();

        Tarjan(Map<String, Set<String>> g) {
            this.g = g;
        }

        List<SortedSet<String>> components() {
            SortedSet<String> nodes = new TreeSet<>(g.keySet());
            g.values().forEach(nodes::addAll);
            for (String v : nodes) if (!index.containsKey(v)) visit(v);
            out.sort(java.util.Comparator.comparing(SortedSet::first));
            return out;
        }

        private void visit(String v) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : g.getOrDefault(v, Set.of())) {
                if (!index.containsKey(w)) {
                    visit(w);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                SortedSet<String> c = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    c.add(w);
                } while (!w.equals(v));
                if (c.size() > 1) out.add(c);
            }
        }
    }
}
