package dev.dgmbench.suite.backend.probe;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks {@code nvidia-smi} which NVIDIA GPUs the machine has, their compute capability and the driver version,
 * without loading ND4J or any CUDA library. The command is given {@link #DEFAULT_TIMEOUT} and the probe never waits
 * much longer than that, even if the {@link CommandRunner} misbehaves. Drivers older than about 510 cannot report
 * {@code compute_cap}; then the probe asks for names only and takes the capability of GPUs of that era from a table.
 *
 * <p>The first {@link #probe()} result is kept: GPUs do not come and go during a run.
 */
public final class GpuProbe {

    public static final List<String> COMMAND = List.of("nvidia-smi",
            "--query-gpu=name,compute_cap,driver_version", "--format=csv,noheader");
    /** For drivers whose nvidia-smi has no {@code compute_cap} field: the capability then comes from the name. */
    public static final List<String> FALLBACK_COMMAND = List.of("nvidia-smi",
            "--query-gpu=name,driver_version", "--format=csv,noheader");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Extra time granted to the runner beyond the command's timeout before the probe gives up on it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private static final Pattern CAPABILITY = Pattern.compile("(\\d+)\\.(\\d+)");
    private static final Pattern DRIVER = Pattern.compile("\\d+(\\.\\d+)*");

    public enum Status {
        /** At least one GPU, all lines understood. */
        OK,
        /** nvidia-smi is missing or failed: no (working) NVIDIA driver. */
        NO_DRIVER,
        /** The driver answered but lists no GPU. */
        NO_GPU,
        /** nvidia-smi did not answer in time (a hung driver or GPU). */
        TIMEOUT,
        /** nvidia-smi answered something this probe cannot read. */
        UNREADABLE
    }

    /**
     * What the probe found.
     *
     * @param status what happened
     * @param gpus   the GPUs, in nvidia-smi order; empty unless {@link Status#OK}
     * @param detail plain-language detail: for OK a summary, otherwise what went wrong (quoted output included)
     */
    public record Result(Status status, List<GpuInfo> gpus, String detail) {

        public Result {
            Objects.requireNonNull(status, "status");
            gpus = List.copyOf(gpus == null ? List.of() : gpus);
            detail = detail == null ? "" : detail;
            if (status == Status.OK && gpus.isEmpty()) {
                throw new IllegalArgumentException("status OK needs at least one GPU");
            }
        }

        public static Result of(List<GpuInfo> gpus) {
            return gpus.isEmpty()
                    ? new Result(Status.NO_GPU, List.of(), "nvidia-smi listed no GPU")
                    : new Result(Status.OK, gpus, gpus.size() + " GPU(s): " + gpus);
        }
    }

    private final CommandRunner runner;
    private final Duration timeout;
    private Result cached;

    public GpuProbe(CommandRunner runner) {
        this(runner, DEFAULT_TIMEOUT);
    }

    public GpuProbe(CommandRunner runner, Duration timeout) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** Runs the real {@code nvidia-smi} with a 5 s timeout. */
    public static GpuProbe system() {
        return new GpuProbe(CommandRunner.system());
    }

    public Duration timeout() {
        return timeout;
    }

    /** Queries the GPUs once and returns that answer ever after. Never throws, never hangs. */
    public synchronized Result probe() {
        if (cached == null) {
            cached = probeOnce();
        }
        return cached;
    }

    private Result probeOnce() {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gpu-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Result> future = executor.submit(this::query);
            // at most two commands (the second only for old drivers), each with its own timeout
            long waitMs = timeout.multipliedBy(2).plus(GRACE).toMillis();
            try {
                return future.get(waitMs, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return timedOut();
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                return new Result(Status.TIMEOUT, List.of(), "interrupted while waiting for nvidia-smi");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (cause instanceof IOException) {
                    return new Result(Status.NO_DRIVER, List.of(),
                            "nvidia-smi is not available (" + oneLine(cause.getMessage()) + ")");
                }
                return new Result(Status.NO_DRIVER, List.of(), "nvidia-smi could not be run ("
                        + cause.getClass().getSimpleName() + ": " + oneLine(cause.getMessage()) + ")");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** Runs the query; with a driver too old for {@code compute_cap}, a second query by name. */
    private Result query() throws IOException {
        CommandRunner.Result first = runner.run(COMMAND, timeout);
        Result result = interpret(first);
        if (result.status() != Status.UNREADABLE || !lacksComputeCapField(first)) {
            return result;
        }
        CommandRunner.Result second;
        try {
            second = runner.run(FALLBACK_COMMAND, timeout);
        } catch (IOException e) {
            return result;
        }
        return interpretByName(second, result);
    }

    private static boolean lacksComputeCapField(CommandRunner.Result r) {
        return !r.timedOut() && r.exitCode() != 0
                && (r.stdout() + r.stderr()).toLowerCase(Locale.ROOT).contains("not a valid field");
    }

    /**
     * Reads {@code name, driver_version} lines and takes the capability from {@link KnownGpus}; any GPU not in that
     * table leaves the answer unreadable.
     */
    Result interpretByName(CommandRunner.Result result, Result withoutCapability) {
        if (result.timedOut()) {
            return timedOut();
        }
        if (result.exitCode() != 0) {
            return withoutCapability;
        }
        List<GpuInfo> gpus = new ArrayList<>();
        for (String raw : result.stdout().split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int comma = line.lastIndexOf(',');
            String name = comma < 0 ? "" : line.substring(0, comma).strip();
            String driver = comma < 0 ? "" : line.substring(comma + 1).strip();
            if (name.isEmpty() || !DRIVER.matcher(driver).matches()) {
                return unreadable(line, "expected 'name, driver_version'");
            }
            var capability = KnownGpus.capabilityOf(name);
            if (capability.isEmpty()) {
                return new Result(Status.UNREADABLE, List.of(), "driver " + driver + " is too old for nvidia-smi to "
                        + "report the compute capability (that needs about version 510), and GPU " + gpus.size()
                        + " " + quote(name) + " is not among the older GPUs whose capability this suite knows by name");
            }
            gpus.add(new GpuInfo(gpus.size(), name, capability.get()[0], capability.get()[1], driver));
        }
        if (gpus.isEmpty()) {
            return new Result(Status.NO_GPU, List.of(), "nvidia-smi listed no GPU");
        }
        return new Result(Status.OK, gpus, gpus.size() + " GPU(s): " + gpus + "; compute capability taken from the "
                + "GPU name, as this driver's nvidia-smi cannot report it");
    }

    private Result timedOut() {
        return new Result(Status.TIMEOUT, List.of(), "nvidia-smi did not answer within " + seconds(timeout)
                + " (the NVIDIA driver or a GPU may be hung)");
    }

    /** Reads what nvidia-smi did: exit status, then output. */
    public Result interpret(CommandRunner.Result result) {
        if (result == null) {
            return new Result(Status.NO_DRIVER, List.of(), "nvidia-smi could not be run (no result)");
        }
        if (result.timedOut()) {
            return timedOut();
        }
        String all = result.stdout() + "\n" + result.stderr();
        String lower = all.toLowerCase(Locale.ROOT);
        if (result.exitCode() != 0) {
            if (lower.contains("no devices were found")) {
                return new Result(Status.NO_GPU, List.of(), "nvidia-smi found no devices");
            }
            if (lower.contains("not a valid field")) {
                return new Result(Status.UNREADABLE, List.of(), "this driver's nvidia-smi cannot report the compute "
                        + "capability (the compute_cap field needs a driver of about version 510 or newer): "
                        + quote(firstLine(all)));
            }
            String output = firstLine(all);
            return new Result(Status.NO_DRIVER, List.of(), "nvidia-smi exited with code " + result.exitCode()
                    + (output.isEmpty() ? "" : ": " + output));
        }
        return parse(result.stdout());
    }

    /**
     * Parses {@code --format=csv,noheader} output of {@code name,compute_cap,driver_version}, one GPU a line, e.g.
     * {@code NVIDIA H100 80GB HBM3, 9.0, 550.54.15}. Any line that is not of that form makes the whole answer
     * {@link Status#UNREADABLE}: a GPU that cannot be read cannot be vouched for.
     */
    public static Result parse(String stdout) {
        List<GpuInfo> gpus = new ArrayList<>();
        String[] lines = (stdout == null ? "" : stdout).split("\\R");
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int last = line.lastIndexOf(',');
            int middle = last < 0 ? -1 : line.lastIndexOf(',', last - 1);
            if (middle <= 0) {
                return unreadable(line, "expected 'name, compute_cap, driver_version'");
            }
            String name = line.substring(0, middle).strip();
            String capability = line.substring(middle + 1, last).strip();
            String driver = line.substring(last + 1).strip();
            Matcher m = CAPABILITY.matcher(capability);
            if (name.isEmpty() || !m.matches()) {
                return unreadable(line, "expected a compute capability such as 8.6 as the second field");
            }
            if (!DRIVER.matcher(driver).matches()) {
                return unreadable(line, "expected a driver version such as 535.104.05 as the third field");
            }
            int major;
            int minor;
            try {
                major = Integer.parseInt(m.group(1));
                minor = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                return unreadable(line, "compute capability out of range");
            }
            gpus.add(new GpuInfo(gpus.size(), name, major, minor, driver));
        }
        return Result.of(gpus);
    }

    private static Result unreadable(String line, String expected) {
        return new Result(Status.UNREADABLE, List.of(), "could not read nvidia-smi output line " + quote(line)
                + " (" + expected + ")");
    }

    public static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String firstLine(String text) {
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                return truncate(line.strip());
            }
        }
        return "";
    }

    private static String oneLine(String text) {
        return text == null ? "no message" : truncate(text.replaceAll("\\s+", " ").strip());
    }

    private static String quote(String text) {
        return "'" + truncate(text) + "'";
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 197) + "...";
    }
}
