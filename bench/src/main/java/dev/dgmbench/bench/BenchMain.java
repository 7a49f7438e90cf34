package dev.dgmbench.bench;

import dev.dgmbench.suite.run.WorkerLauncher;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the JMH benchmarks of this package and writes JMH's JSON results.
 *
 * <pre>
 * OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
 *   java -cp "suite/target/classes:$(cat suite/target/classpath.txt)" dev.dgmbench.bench.BenchMain \
 *   --out results/jmh-cpu-avx2.json [--quick] [--param name=v1,v2] [regex ...]
 * </pre>
 * The forked JVMs inherit this process's environment (JMH cannot set it), so the thread variables must be set on
 * the command; without {@code OMP_NUM_THREADS=1} the run stops unless {@code --any-threads} is given. Forks get the
 * suite workers' JVM flags ({@link WorkerLauncher#DEFAULT_JVM_ARGS}: small heap, serial GC).
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws RunnerException, IOException {
        Path out = null;
        boolean quick = false, anyThreads = false;
        List<String> includes = new ArrayList<>();
        List<String[]> params = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(need(args, ++i, "--out"));
                case "--quick" -> quick = true;
                case "--any-threads" -> anyThreads = true;
                case "--param" -> {
                    String p = need(args, ++i, "--param");
                    int eq = p.indexOf('=');
                    if (eq < 1) throw usage("--param wants name=v1,v2, got " + p);
                    params.add(new String[]{p.substring(0, eq), p.substring(eq + 1)});
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> {
                    if (args[i].startsWith("--")) throw usage("unknown option " + args[i]);
                    includes.add(args[i]);
                }
            }
        }
        if (out == null) throw usage("--out FILE is required");
        String omp = System.getenv("OMP_NUM_THREADS");
        if (!"1".equals(omp) && !anyThreads) {
            System.err.println("OMP_NUM_THREADS is " + (omp == null ? "unset" : omp) + "; the documented figures use 1."
                    + " Run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (or pass --any-threads).");
            System.exit(2);
        }
        if (out.toAbsolutePath().getParent() != null) Files.createDirectories(out.toAbsolutePath().getParent());

        ChainedOptionsBuilder opt = new OptionsBuilder()
                .jvmArgsAppend(WorkerLauncher.DEFAULT_JVM_ARGS.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(out.toString())
                .shouldFailOnError(true);
        if (includes.isEmpty()) includes.add(BenchMain.class.getPackageName() + ".*");
        for (String inc : includes) opt.include(inc);
        for (String[] p : params) opt.param(p[0], p[1].split(","));
        if (quick) {
            opt.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        new Runner(opt.build()).run();
        System.out.println("JMH results written to " + out);
    }

    private static String need(String[] args, int i, String option) {
        if (i >= args.length) throw usage(option + " needs a value");
        return args[i];
    }

    private static IllegalArgumentException usage(String message) {
        System.err.println(message);
        System.err.println(USAGE);
        return new IllegalArgumentException(message);
    }

    static final String USAGE = """
            usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp CLASSPATH dev.dgmbench.bench.BenchMain \\
                     --out FILE.json [--quick] [--any-threads] [--param name=v1,v2]... [regex ...]
              regex      JMH include pattern(s) (default: every benchmark in dev.dgmbench.bench)
              --out      JMH JSON result file
              --quick    1 warmup + 2 measurement iterations of 1 s (smoke runs)
              --param    override a @Param, e.g. --param batch=64
            benchmarks: VaeTrainingBench.trainStep, DigitsEpochBench.{fitEpoch,trainerEpoch},
                        ImportanceNllBench.{batch8,testSet}, LangevinStepBench.step, EvaluatorFeaturesBench.features""";
}
