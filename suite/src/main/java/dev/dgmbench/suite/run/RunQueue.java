package dev.dgmbench.suite.run;

import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.ResultFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The runs one {@code run} invocation still has to do, taken by its worker JVMs one at a time as each becomes free,
 * so the workers finish within about one run of each other (a fixed split left one core idle while the other
 * finished its share: early stopping makes runs of one study differ in length). Only for engines that do not train
 * stacked groups: there a run's numbers come from its own seed alone, whichever worker runs it and after whatever
 * runs ({@code StudyRunE2ETest}); an engine that trains groups keeps its whole-group split ({@link WorkerShares}).
 *
 * <p>On disk, under the output folder: {@code .queue/<invocation>/order} (the run ids in the order they are taken,
 * one a line, written once through {@link AtomicFiles} before the workers start) and {@code claimed/}, where a
 * worker takes run {@code id} by creating the empty file {@code claimed/<id>}: {@link Files#createFile} creates it
 * only if it does not exist (O_CREAT | O_EXCL), atomically across processes on one file system, so each run is taken
 * by exactly one worker (an empty marker has no content to tear). A worker walks the order and takes the first id
 * not taken yet.
 *
 * <p>Kills and resumes: a killed invocation leaves its folder, with claims of runs it never finished. Stale claims are
 * harmless twice over: the runner that holds the output folder's lock ({@link OutputLock}) removes every
 * {@code .queue/} leftover ({@link #clearLeftovers}) before it makes its own queue, and each invocation's queue lives
 * in a folder of a fresh name, so a worker of an earlier invocation (it halts when its parent dies) cannot take a
 * run of a later one: its claim fails on its removed folder. Which runs are left to do is decided, as before, from
 * the published run folders ({@code RunRepair}), never from claims.
 */
public final class RunQueue {
    /** The queues' folder in the output folder (hidden, like the other leftovers the runner sweeps). */
    public static final String DIR = ".queue";
    static final String ORDER = "order", CLAIMED = "claimed";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final List<String> order;
    /** Ids this instance has tried to take (taken by it or found taken): each is tried once. */
    private final boolean[] tried;

    private RunQueue(Path dir, List<String> order) {
        this.dir = dir;
        this.order = List.copyOf(order);
        this.tried = new boolean[order.size()];
    }

    /**
     * A new queue of {@code runIds} (taken in this order) in {@code folder}, after removing what earlier invocations
     * left. Only for the runner holding the folder's lock, before it starts the workers.
     */
    static RunQueue create(Path folder, List<String> runIds) throws IOException {
        clearLeftovers(folder);
        Path dir = folder.resolve(DIR).resolve(ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(RANDOM.nextLong(), 36));
        Files.createDirectories(dir.resolve(CLAIMED));
        AtomicFiles.writeString(dir.resolve(ORDER), String.join("\n", runIds) + "\n");
        return new RunQueue(dir, runIds);
    }

    /** The queue in {@code dir} (a worker's view: its own walk through the order). */
    public static RunQueue open(Path dir) throws IOException {
        List<String> ids = Files.readAllLines(dir.resolve(ORDER)).stream().filter(s -> !s.isBlank()).toList();
        return new RunQueue(dir, ids);
    }

    /** Removes the queues of earlier invocations, claims and all. Only safe under the output folder's lock. */
    static void clearLeftovers(Path folder) throws IOException {
        ResultFolder.deleteTree(folder.resolve(DIR));
    }

    /** This queue's folder, for the workers' command line. */
    public Path dir() {
        return dir;
    }

    /** The run ids in the order they are taken. */
    public List<String> order() {
        return order;
    }

    /** Takes the next run not taken yet, by any worker; empty when none is left. */
    public Optional<String> claim() {
        return claim(id -> true);
    }

    /**
     * Takes the next run of those {@code which} accepts that no worker has taken yet; empty when none is left. Safe
     * for the threads of one worker (a worker that continues several runs at once) and across processes.
     *
     * @throws UncheckedIOException when the queue is gone (a later invocation removed it) or cannot be written
     */
    public synchronized Optional<String> claim(Predicate<String> which) {
        for (int i = 0; i < order.size(); i++) {
            if (tried[i] || !which.test(order.get(i))) continue;
            tried[i] = true;
            Path marker = dir.resolve(CLAIMED).resolve(order.get(i));
            try {
                Files.createFile(marker);
                return Optional.of(order.get(i));
            } catch (FileAlreadyExistsException e) {
                // another worker took it
            } catch (NoSuchFileException e) {
                throw new UncheckedIOException("the run queue " + dir + " is gone: a later run of the output folder"
                        + " removed it; this worker stops", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot take run " + order.get(i) + " from " + dir + ": " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /** Removes this queue once its workers are done (a killed runner leaves it to the next one's {@link #clearLeftovers}). */
    void delete() throws IOException {
        ResultFolder.deleteTree(dir);
        try {
            Files.deleteIfExists(dir.getParent());
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another invocation's queue: not ours to remove
        }
    }
}
