package dev.dgmbench.suite.run;

import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunStatus;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The study-level progress the parent shows while its workers run: "run 3/40 done, 2 failed, ETA 4 min". It polls
 * {@code runs/} for newly published run folders (each is published atomically with its digest), so it needs no
 * channel to the workers and survives one dying. On a terminal (and not under CI) it is a progress bar; elsewhere
 * (CI logs, files) a plain line per finished run.
 */
public final class StudyProgress implements AutoCloseable {
    static final long POLL_MILLIS = 500;

    /** How the counts are shown. */
    interface View extends AutoCloseable {
        void update(int done, int failed, double elapsedSeconds);

        @Override
        void close();
    }

    private final Path runsDir;
    private final List<String> runIds;
    private final Map<String, Object> before = new HashMap<>();
    private final Map<String, Boolean> finished = new HashMap<>(); // run id -> failed
    private final View view;
    private final long t0 = System.nanoTime();
    private final ScheduledExecutorService poller;
    private int shownDone = -1, shownFailed = -1;

    StudyProgress(Path runsDir, List<String> runIds, View view) {
        this(runsDir, runIds, view, POLL_MILLIS);
    }

    StudyProgress(Path runsDir, List<String> runIds, View view, long pollMillis) {
        this.runsDir = runsDir;
        this.runIds = List.copyOf(runIds);
        this.view = view;
        // A rerun with --force replaces folders that exist now: only a new folder (another file key) counts.
        for (String id : runIds) before.put(id, folderKey(runsDir.resolve(id)));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "study-progress");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * Progress of {@code runIds} in {@code runsDir}: nothing when quiet, a bar on an interactive terminal outside
     * CI, plain lines on {@code lines} otherwise.
     */
    public static StudyProgress start(Path runsDir, List<String> runIds, boolean quiet, PrintStream lines) {
        View view;
        if (quiet) view = new Silent();
        else if (interactive()) view = new Bar(runIds.size());
        else view = new Lines(runIds.size(), lines);
        return new StudyProgress(runsDir, runIds, view);
    }

    /** A terminal a person watches: a console, a terminal that draws, and no CI (CI services set {@code CI=true}). */
    static boolean interactive() {
        String ci = System.getenv("CI");
        boolean underCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        return System.console() != null && !underCi && !"dumb".equals(System.getenv("TERM"));
    }

    /** One look at {@code runs/} (the poller's step; tests call it to be independent of timing). */
    synchronized void poll() {
        for (String id : runIds) {
            if (finished.containsKey(id)) continue;
            Path dir = runsDir.resolve(id);
            Object key = folderKey(dir);
            if (key == null || Objects.equals(key, before.get(id)) || !Files.exists(dir.resolve(ResultFolder.DIGEST))) continue;
            finished.put(id, failed(dir));
        }
        int done = finished.size();
        int failed = (int) finished.values().stream().filter(f -> f).count();
        if (done != shownDone || failed != shownFailed) {
            shownDone = done;
            shownFailed = failed;
            view.update(done, failed, (System.nanoTime() - t0) / 1e9);
        }
    }

    private static boolean failed(Path runDir) {
        try {
            return CanonicalJson.read(runDir.resolve(ResultFolder.RUN), RunInfo.class).status() == RunStatus.FAILED;
        } catch (RuntimeException e) {
            return false; // the final report reads it properly; progress only counts
        }
    }

    private static Object folderKey(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
            return a.fileKey() != null ? a.fileKey() : a.creationTime();
        } catch (IOException e) {
            return null;
        }
    }

    /** Stops polling after a last look, so the final count is always shown. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poll();
        view.close();
    }

    /** {@code run 3/40 done, 2 failed, ETA 4 min} (the ETA from the mean wall time per finished run so far). */
    static String line(int done, int total, int failed, double elapsedSeconds) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "run %d/%d done, %d failed", done, total, failed));
        if (done > 0 && done < total) b.append(", ETA ").append(eta(elapsedSeconds / done * (total - done)));
        else if (done == total) b.append(String.format(Locale.ROOT, ", in %s", eta(elapsedSeconds)));
        return b.toString();
    }

    /** {@code 40 s}, {@code 4 min}, {@code 1 h 05 min}: rounded, an estimate is not more precise. */
    static String eta(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        long min = Math.round(seconds / 60);
        if (min < 60) return min + " min";
        return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }

    private record Silent() implements View {
        public void update(int done, int failed, double elapsedSeconds) {
        }

        public void close() {
        }
    }

    record Lines(int total, PrintStream out) implements View {
        public void update(int done, int failed, double elapsedSeconds) {
            out.println(line(done, total, failed, elapsedSeconds));
        }

        public void close() {
        }
    }

    /** me.tongfei:progressbar on stderr; its own (linear) ETA, the failures as its extra message. */
    private static final class Bar implements View {
        private final ProgressBar bar;

        Bar(int total) {
            bar = new ProgressBarBuilder().setTaskName("runs").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis((int) POLL_MILLIS).continuousUpdate().build();
        }

        public void update(int done, int failed, double elapsedSeconds) {
            bar.stepTo(done);
            bar.setExtraMessage(failed + " failed");
        }

        public void close() {
            bar.close();
        }
    }
}
