package dev.dgmbench.suite.backend;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the class path of a child JVM that runs on one backend, from the parent's class path.
 *
 * <p>ND4J picks its backend from the class path, and the default build carries the plain {@code nd4j-native} jar,
 * the generic {@code linux-x86_64} natives (which come transitively) and the project's chosen CPU build. For the
 * child, every backend-specific jar is taken out, recognised by file name so that copied library folders work too:
 * <ul>
 *   <li>{@code nd4j-native-<version>.jar} and every {@code nd4j-native-<version>-<platform...>.jar};</li>
 *   <li>every {@code nd4j-cuda-<x.y>[-preset|-platform]-<version>[-<classifier>].jar};</li>
 *   <li>the JavaCPP CUDA bindings {@code cuda-<cuda>-<cudnn>-<javacpp>[-<classifier>].jar}.</li>
 * </ul>
 * Then the target backend's jars ({@link Backend#artifacts()}) go in where the first removed jar was. Everything
 * else (nd4j-api, nd4j-native-preset, OpenBLAS, JavaCPP, the project's own classes) stays as it was, in order.
 *
 * <p>Jars are looked up in the injected local repository, then in repositories the parent's own ND4J jars came
 * from. A jar found nowhere is listed as missing, with a {@link BackendFetch} to get it; the class path still names
 * where it will be once fetched.
 */
public final class BackendClasspath {

    private static final Pattern ND4J_NATIVE =
            Pattern.compile("nd4j-native-\\d[^/\\\\]*?(-(linux|macosx|windows|android|ios)-[A-Za-z0-9_.-]+)?\\.jar");
    private static final Pattern ND4J_CUDA =
            Pattern.compile("nd4j-cuda-\\d+\\.\\d+(-preset|-platform)?-\\d[^/\\\\]*\\.jar");
    private static final Pattern JAVACPP_CUDA =
            Pattern.compile("cuda-\\d+\\.\\d+-\\d+\\.\\d+-\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9_.-]+)?\\.jar");

    private final Path localRepository;
    private final boolean explicitRepository;

    /** Uses Maven's default local repository, {@code ~/.m2/repository}. */
    public BackendClasspath() {
        this.localRepository = defaultRepository();
        this.explicitRepository = false;
    }

    public BackendClasspath(Path localRepository) {
        this.localRepository = Objects.requireNonNull(localRepository, "localRepository");
        this.explicitRepository = !localRepository.toAbsolutePath().normalize()
                .equals(defaultRepository().toAbsolutePath().normalize());
    }

    public static Path defaultRepository() {
        return Path.of(System.getProperty("user.home", "."), ".m2", "repository");
    }

    public Path localRepository() {
        return localRepository;
    }

    /** Splits a class path string such as {@code System.getProperty("java.class.path")}. */
    public static List<String> split(String classpath) {
        List<String> parts = new ArrayList<>();
        if (classpath == null) {
            return parts;
        }
        for (String part : classpath.split(Pattern.quote(File.pathSeparator))) {
            if (!part.isBlank()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** True for a jar this class replaces: any ND4J backend jar or JavaCPP CUDA binding (see the class doc). */
    public static boolean isBackendJar(String entry) {
        String name = fileName(entry);
        return ND4J_NATIVE.matcher(name).matches() || ND4J_CUDA.matcher(name).matches()
                || JAVACPP_CUDA.matcher(name).matches();
    }

    /** The child class path for {@code target}, without the CUDA runtime redistributable. */
    public Plan plan(List<String> baseClasspath, Backend target) {
        return plan(baseClasspath, target, false);
    }

    /**
     * The child class path for {@code target}.
     *
     * @param cudaRedist for a CUDA backend, also add {@link Backends#CUDA_REDIST} (the CUDA 11.6 runtime libraries,
     *                   for machines without a CUDA 11.x toolkit); ignored for CPU backends
     */
    public Plan plan(List<String> baseClasspath, Backend target, boolean cudaRedist) {
        Objects.requireNonNull(baseClasspath, "baseClasspath");
        Objects.requireNonNull(target, "target");
        List<MavenArtifact> wanted = new ArrayList<>(target.artifacts());
        if (cudaRedist && target.isCuda()) {
            wanted.add(Backends.CUDA_REDIST);
        }

        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int insertAt = -1;
        for (String entry : baseClasspath) {
            if (isBackendJar(entry)) {
                if (insertAt < 0) {
                    insertAt = kept.size();
                }
                removed.add(entry);
            } else {
                kept.add(entry);
            }
        }
        if (insertAt < 0) {
            insertAt = kept.size();
        }

        Set<Path> repositories = new LinkedHashSet<>();
        repositories.add(localRepository);
        for (String entry : removed) {
            Path root = repositoryRootOf(Path.of(entry));
            if (root != null) {
                repositories.add(root);
            }
        }

        List<String> added = new ArrayList<>();
        List<MavenArtifact> missing = new ArrayList<>();
        List<BackendFetch> fetches = new ArrayList<>();
        for (MavenArtifact artifact : wanted) {
            Path found = locate(artifact, removed, repositories);
            if (found == null) {
                missing.add(artifact);
                fetches.add(BackendFetch.of(artifact, explicitRepository ? localRepository : null));
                found = artifact.pathIn(localRepository);
            }
            added.add(found.toString());
        }

        List<String> classpath = new ArrayList<>(kept);
        classpath.addAll(insertAt, added);
        return new Plan(target, classpath, removed, added, missing, fetches, target.jvmArgs());
    }

    /** A jar of the parent's class path with the same file name, or the jar in one of the repositories. */
    private static Path locate(MavenArtifact artifact, List<String> removed, Set<Path> repositories) {
        for (String entry : removed) {
            Path p = Path.of(entry);
            if (fileName(entry).equals(artifact.fileName()) && Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path repo : repositories) {
            Path p = artifact.pathIn(repo);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * For a jar at {@code <root>/org/nd4j/<artifact>/<version>/<file>} or {@code <root>/org/bytedeco/...}, the
     * repository root; null when the path is not laid out that way.
     */
    static Path repositoryRootOf(Path jar) {
        Path version = jar.toAbsolutePath().normalize().getParent();
        if (version == null || version.getParent() == null) {
            return null;
        }
        Path group = version.getParent().getParent(); // .../org/nd4j or .../org/bytedeco
        if (group == null || group.getFileName() == null || group.getParent() == null) {
            return null;
        }
        String g = group.getFileName().toString();
        Path org = group.getParent();
        if (!(g.equals("nd4j") || g.equals("bytedeco")) || org.getFileName() == null
                || !org.getFileName().toString().equals("org")) {
            return null;
        }
        return org.getParent();
    }

    private static String fileName(String entry) {
        int slash = Math.max(entry.lastIndexOf('/'), entry.lastIndexOf('\\'));
        return entry.substring(slash + 1);
    }

    /**
     * The child JVM's class path and options.
     *
     * @param backend   the target backend
     * @param classpath the entries, in order
     * @param removed   backend jars taken out of the parent's class path
     * @param added     the target backend's jars as put in (existing files, or where a fetch will put them)
     * @param missing   jars not found locally
     * @param fetches   one fetch per missing jar
     * @param jvmArgs   options the child JVM needs ({@link Backend#jvmArgs()})
     */
    public record Plan(Backend backend, List<String> classpath, List<String> removed, List<String> added,
                       List<MavenArtifact> missing, List<BackendFetch> fetches, List<String> jvmArgs) {

        public Plan {
            classpath = List.copyOf(classpath);
            removed = List.copyOf(removed);
            added = List.copyOf(added);
            missing = List.copyOf(missing);
            fetches = List.copyOf(fetches);
            jvmArgs = List.copyOf(jvmArgs);
        }

        /** True when every jar is on disk, so the child JVM can start. */
        public boolean ready() {
            return missing.isEmpty();
        }

        /** The class path joined with the platform's separator, for {@code -cp}. */
        public String classpathString() {
            return String.join(File.pathSeparator, classpath);
        }

        /** A plain message for the user when jars are missing, with the commands that fetch them. */
        public String missingMessage() {
            if (ready()) {
                return "All jars of backend " + backend.name() + " are present.";
            }
            StringBuilder sb = new StringBuilder("Backend ").append(backend.name()).append(" needs ")
                    .append(missing.size() == 1 ? "a jar" : missing.size() + " jars")
                    .append(" that the local Maven repository does not have. Fetch with:");
            for (BackendFetch f : fetches) {
                sb.append("\n  ").append(f.commandLine());
            }
            return sb.toString();
        }
    }
}
