package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How to download one backend jar that is missing from the local Maven repository, on demand: the default build
 * downloads only the project's own CPU build, and CUDA (about 600 MB) only when asked for.
 *
 * <p>The command pins the maven-dependency-plugin version the parent pom manages, so it behaves the same inside
 * and outside the project directory, and fetches just the one jar ({@code -Dtransitive=false}); every jar a backend
 * needs has its own fetch.
 *
 * @param artifact the jar to fetch
 * @param command  the command line, one argument per element, e.g.
 *                 {@code mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get
 *                 -Dartifact=org.nd4j:nd4j-native:1.0.0-M2.1:jar:linux-x86_64-avx512 -Dtransitive=false}
 */
public record BackendFetch(MavenArtifact artifact, List<String> command) {

    public static final String DEPENDENCY_GET = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get";
    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    public BackendFetch {
        Objects.requireNonNull(artifact, "artifact");
        command = List.copyOf(command);
    }

    /**
     * The fetch of one artifact.
     *
     * @param localRepository where to put it; null for Maven's default ({@code ~/.m2/repository} or whatever the
     *                        user's settings.xml says)
     */
    public static BackendFetch of(MavenArtifact artifact, Path localRepository) {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-q", "-B", DEPENDENCY_GET,
                "-Dartifact=" + artifact.coordinates(), "-Dtransitive=false"));
        if (localRepository != null) {
            cmd.add("-Dmaven.repo.local=" + localRepository);
        }
        return new BackendFetch(artifact, cmd);
    }

    /** The command as one line to paste into a POSIX shell. */
    public String commandLine() {
        return command.stream().map(BackendFetch::shellQuote).collect(Collectors.joining(" "));
    }

    /**
     * Runs the fetch. A download of the CUDA jars can take minutes: give a generous timeout.
     *
     * @return ok, or refused with what Maven said
     */
    public Verdict run(CommandRunner runner, Duration timeout) {
        CommandRunner.Result result;
        try {
            result = runner.run(command, timeout);
        } catch (IOException e) {
            return Verdict.refused("Could not fetch " + artifact + ": could not start Maven (" + e.getMessage()
                    + "). Run by hand: " + commandLine());
        }
        if (result.timedOut()) {
            return Verdict.refused("Could not fetch " + artifact + ": Maven did not finish within "
                    + GpuProbe.seconds(timeout) + ". Run by hand: " + commandLine());
        }
        if (result.exitCode() != 0) {
            String out = (result.stdout() + "\n" + result.stderr()).strip();
            if (out.length() > 600) {
                out = out.substring(out.length() - 600);
            }
            return Verdict.refused("Could not fetch " + artifact + ": Maven exited with code " + result.exitCode()
                    + (out.isEmpty() ? "" : ":\n" + out));
        }
        return Verdict.ok("Fetched " + artifact + ".");
    }

    private static String shellQuote(String arg) {
        return SHELL_SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
