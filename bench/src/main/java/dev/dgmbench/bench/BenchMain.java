package dev.dgmbench.bench;

import dev.dgmbench.suite.run.WorkerLauncher;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code dgmbench bench}: runs the JMH benchmarks of this package and writes JMH's JSON results. The launcher runs
 * it from this module's class path, so JMH stays off the CLI's; directly:
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
 *   java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" dev.dgmbench.bench.BenchMain --out FILE.json
 * </pre>
 * The forked JVMs inherit this process's environment (JMH cannot set it), so the thread variables must be set on
 * the command; without {@code OMP_NUM_THREADS=1} the run stops unless {@code --any-threads} is given. Forks get the
 * suite workers' JVM flags ({@link WorkerLauncher#DEFAULT_JVM_ARGS}: small heap, serial GC).
 */
@Command(name = "dgmbench bench", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = BenchMain.Version.class,
        description = {"Run the JMH benchmarks of the engines and write JMH's JSON results.",
                "Benchmarks: VaeTrainingBench.trainStep, DigitsEpochBench.{fitEpoch,trainerEpoch},"
                        + " ImportanceNllBench.{batch8,testSet}, LangevinStepBench.step, EvaluatorFeaturesBench.features,"
                        + " ProductBench.product.",
                "Exit 0 when they ran, 2 for bad arguments or thread settings."})
public final class BenchMain implements Callable<Integer> {
    static final int OK = 0, BAD_INPUT = 2;

    @Parameters(paramLabel = "REGEX", arity = "0..*", description = "JMH include pattern(s), e.g. VaeTrainingBench"
            + " (default: every benchmark in dev.dgmbench.bench)")
    List<String> includes = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "JMH JSON result file (its folder is made)")
    Path out;

    @Option(names = "--quick", description = "1 warm-up and 2 measurement iterations of 1 s each (smoke runs, not figures)")
    boolean quick;

    @Option(names = "--param", paramLabel = "NAME=V1,V2", description = "override a @Param of the benchmarks,"
            + " e.g. --param batch=64,1024 (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--any-threads", description = "run even when OMP_NUM_THREADS is not 1 (the documented figures use 1)")
    boolean anyThreads;

    @Option(names = {"-q", "--quiet"}, description = "no JMH progress output, only the result file and errors")
    boolean quiet;

    /** The environment (a field so a test can hand in its own). */
    Map<String, String> env = System.getenv();

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new BenchMain()).execute(args);
    }

    @Override
    public Integer call() throws RunnerException, IOException {
        String omp = env.get("OMP_NUM_THREADS");
        if (!"1".equals(omp) && !anyThreads) {
            System.err.println("error: OMP_NUM_THREADS is " + (omp == null ? "unset" : omp) + "; the documented figures"
                    + " use 1. Run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (./dgmbench bench sets them), or"
                    + " pass --any-threads.");
            return BAD_INPUT;
        }
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());
        ChainedOptionsBuilder opt = new OptionsBuilder()
                .jvmArgsAppend(WorkerLauncher.DEFAULT_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .shouldFailOnError(true);
        if (quiet) opt.verbosity(VerboseMode.SILENT);
        if (includes.isEmpty()) includes.add(BenchMain.class.getPackageName() + ".*");
        for (String inc : includes) opt.include(inc);
        params.forEach((name, values) -> opt.param(name, values.split(",")));
        if (quick) {
            opt.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        new Runner(opt.build()).run();
        if (!quiet) System.out.println("JMH results written to " + out);
        return OK;
    }

    /** {@code --version}: the suite's, as the build wrote it. */
    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"dgmbench bench " + dev.dgmbench.suite.pipeline.SuiteVersion.VERSION};
        }
    }
}
