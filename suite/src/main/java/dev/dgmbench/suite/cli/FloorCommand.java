package dev.dgmbench.suite.cli;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.RunArithmetic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "floor", mixinStandardHelpOptions = true,
        description = {"The arithmetic floor of a study's finished runs: the FLOP of their matrix products by phase,"
                + " counted from what each run recorded (epochs, the NCE classifier's epochs, the normaliser's"
                + " temperatures, each chain's steps), the seconds they take at a product throughput you measured"
                + " (--gflops: e.g. `dgmbench bench ProductBench` on a CPU core, a large FP32 GEMM on a GPU), beside"
                + " the seconds the runs recorded. Elementwise work, the log-softmax, the optimiser and copies come on"
                + " top of the floor."})
class FloorCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FOLDER", description = "a study output folder")
    Path folder;

    @Option(names = "--gflops", required = true, description = "measured product throughput of one lane, GFLOP/s")
    double gflops;

    @Option(names = "--lanes", description = "products running side by side: the worker count on a CPU whose workers"
            + " have a core each; 1 for one GPU (default: ${DEFAULT-VALUE})")
    int lanes = 1;

    @Option(names = "--wall", paramLabel = "SECONDS", description = "the study's measured wall time, to set beside"
            + " its floor")
    Double wall;

    /** Phases in the order printed; samplers come between nll and metrics. */
    private static final List<String> HEAD = List.of("train", "nce", "nll");

    @Override
    public Integer call() {
        if (!(gflops > 0) || Double.isInfinite(gflops)) throw new BadInputException("--gflops " + gflops + ": allowed: a positive number");
        if (lanes < 1) throw new BadInputException("--lanes " + lanes + ": allowed: at least 1");
        if (wall != null && !(wall > 0)) throw new BadInputException("--wall " + wall + ": allowed: a positive number of seconds");
        Map<String, double[]> phases = new LinkedHashMap<>(); // phase -> {FLOP, recorded seconds}
        Set<String> assumptions = new LinkedHashSet<>();
        int runs = 0;
        List<String> unreadable = new java.util.ArrayList<>();
        for (RunResult r : StudyResults.read(folder).runs()) {
            if (r.info().status() != RunStatus.OK) continue;
            ResolvedRun config;
            try {
                config = ResolvedRun.from(r.info().config());
            } catch (RuntimeException e) {
                // a configuration written before fields that this version's settings require existed
                unreadable.add(Path.of(StudyResults.RUNS, r.info().runId(), ResultFolder.RUN).toString());
                continue;
            }
            runs++;
            RunArithmetic a = RunArithmetic.of(config, r);
            assumptions.addAll(a.assumptions());
            Map<String, Double> t = r.timings() == null ? Map.of() : r.timings();
            a.flops().forEach((phase, flop) -> {
                double[] p = phases.computeIfAbsent(phase, k -> new double[2]);
                p[0] += flop;
                p[1] += recordedSeconds(phase, t);
            });
            double[] total = phases.computeIfAbsent("total", k -> new double[2]);
            total[0] += a.total();
            total[1] += t.getOrDefault("total_seconds", 0.0);
        }
        String skipped = unreadable.isEmpty() ? "" : unreadable.size() + " finished run(s) left out: their configuration,"
                + " written by an older dgmbench, lacks settings this version needs (e.g. " + unreadable.get(0) + ")";
        if (runs == 0) {
            throw new BadInputException(folder + ": no finished run to count" + (skipped.isEmpty() ? "" : "; " + skipped));
        }
        if (!skipped.isEmpty()) System.out.println(skipped);
        double rate = gflops * 1e9;
        System.out.printf(Locale.ROOT, "%d finished runs of %s; products at %s GFLOP/s a lane%n", runs, folder, gflops);
        System.out.printf(Locale.ROOT, "%-10s %14s %14s %14s %10s%n", "phase", "GFLOP", "floor s", "recorded s", "x floor");
        for (String phase : order(phases)) {
            double[] p = phases.get(phase);
            double floor = p[0] / rate;
            System.out.printf(Locale.ROOT, "%-10s %14.1f %14.1f %14.1f %10s%n", phase, p[0] / 1e9, floor, p[1],
                    floor > 0 ? String.format(Locale.ROOT, "%.2f", p[1] / floor) : "-");
        }
        double[] total = phases.get("total");
        double studyFloor = total[0] / rate / lanes;
        System.out.printf(Locale.ROOT, "per run: %.1f GFLOP, floor %.2f s, recorded %.2f s%n", total[0] / runs / 1e9,
                total[0] / runs / rate, total[1] / runs);
        System.out.printf(Locale.ROOT, "study: floor %.1f s on %d lane(s)%s%n", studyFloor, lanes, wall == null ? ""
                : String.format(Locale.ROOT, "; wall %.1f s = %.2f x the floor", wall, wall / studyFloor));
        for (String s : assumptions) System.out.println("assumed: " + s);
        return Main.OK;
    }

    /** The seconds a run recorded for a phase (see RunArithmetic for what each phase counts). */
    private static double recordedSeconds(String phase, Map<String, Double> t) {
        return switch (phase) {
            case "train" -> t.getOrDefault("train_seconds", 0.0);
            case "nce" -> t.getOrDefault("nce_seconds", 0.0) + t.getOrDefault("normaliser_seconds", 0.0);
            case "nll" -> t.getOrDefault("nll_seconds", 0.0);
            case "metrics" -> t.getOrDefault("sample_metrics_seconds", 0.0);
            default -> t.getOrDefault(phase + "_seconds", 0.0);
        };
    }

    private static List<String> order(Map<String, double[]> phases) {
        List<String> out = new java.util.ArrayList<>(HEAD);
        for (String p : phases.keySet()) if (!HEAD.contains(p) && !p.equals("metrics") && !p.equals("total")) out.add(p);
        out.add("metrics");
        out.add("total");
        out.removeIf(p -> !phases.containsKey(p));
        return out;
    }
}
