package dev.dgmbench.suite.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The run queue that worker JVMs take runs from: every run is taken exactly once however many workers (threads of
 * one worker, or separate processes) take at once, each in queue order, and what a killed invocation left blocks no
 * later one.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RunQueueTest {
    @TempDir
    Path folder;

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "beta=" + i + "_seed=" + (i % 7)).toList();
    }

    /** Everything {@code queue} still lets one worker take, in the order taken. */
    private static List<String> drain(RunQueue queue) {
        List<String> taken = new ArrayList<>();
        for (Optional<String> id = queue.claim(); id.isPresent(); id = queue.claim()) taken.add(id.get());
        return taken;
    }

    @Test
    void oneWorkerTakesTheRunsInQueueOrderThenNothing() throws IOException {
        List<String> ids = ids(5);
        RunQueue queue = RunQueue.create(folder, ids);
        assertEquals(ids, RunQueue.open(queue.dir()).order(), "the order file is the queue");
        assertEquals(ids, drain(queue));
        assertEquals(Optional.empty(), queue.claim());
        assertEquals(List.of(), drain(RunQueue.open(queue.dir())), "another worker finds every run taken");
    }

    @Test
    void aWorkerTakesOnlyTheRunsItAsksFor() throws IOException {
        List<String> ids = ids(6);
        RunQueue queue = RunQueue.create(folder, ids);
        RunQueue other = RunQueue.open(queue.dir());
        assertEquals(Optional.of(ids.get(1)), queue.claim(id -> id.startsWith("beta=1") || id.startsWith("beta=4")));
        assertEquals(Optional.of(ids.get(4)), other.claim(id -> id.startsWith("beta=1") || id.startsWith("beta=4")));
        assertEquals(Optional.empty(), queue.claim(id -> id.startsWith("beta=1") || id.startsWith("beta=4")));
        assertEquals(List.of(ids.get(0), ids.get(2), ids.get(3), ids.get(5)), drain(queue), "the rest, in order");
    }

    /** Workers of their own (each its own view of the queue) taking at once, started together by a barrier. */
    @Test
    void workersTakingAtOnceTakeEveryRunExactlyOnce() throws Exception {
        List<String> ids = ids(400);
        Path dir = RunQueue.create(folder, ids).dir();
        assertEachTakenOnce(ids, takeAtOnce(4, () -> RunQueue.open(dir)));
    }

    /** The threads of one worker continuing several runs at once share its view of the queue. */
    @Test
    void theThreadsOfOneWorkerTakeEveryRunExactlyOnce() throws Exception {
        List<String> ids = ids(400);
        RunQueue shared = RunQueue.create(folder, ids);
        assertEachTakenOnce(ids, takeAtOnce(4, () -> shared));
    }

    private interface Opener {
        RunQueue open() throws IOException;
    }

    private static List<List<String>> takeAtOnce(int threads, Opener opener) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    RunQueue q = opener.open();
                    start.await();
                    return drain(q);
                }));
            }
            List<List<String>> out = new ArrayList<>();
            for (Future<List<String>> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each run in exactly one worker's list, and each list in queue order. */
    private static void assertEachTakenOnce(List<String> ids, List<List<String>> byWorker) {
        List<String> all = new ArrayList<>();
        byWorker.forEach(all::addAll);
        assertEquals(ids.size(), all.size(), "runs taken, over all workers: " + byWorker.stream().map(List::size).toList());
        assertEquals(new HashSet<>(ids), new HashSet<>(all), "every run taken");
        for (List<String> taken : byWorker) {
            List<Integer> positions = taken.stream().map(ids::indexOf).toList();
            List<Integer> sorted = new ArrayList<>(positions);
            Collections.sort(sorted);
            assertEquals(sorted, positions, "a worker takes runs in queue order");
        }
    }

    /** Two JVMs, as two worker JVMs of a study, take from one queue on disk. */
    @Test
    void twoWorkerProcessesTakeEveryRunExactlyOnce() throws Exception {
        List<String> ids = ids(1000);
        Path dir = RunQueue.create(folder, ids).dir();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        List<BufferedReader> outs = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                        Taker.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
                procs.add(p);
                BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                outs.add(r);
            }
            // both are started and have opened the queue before either takes a run
            for (BufferedReader r : outs) assertEquals(Taker.READY, r.readLine());
            for (Process p : procs) {
                Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
                w.write("go\n");
                w.flush();
            }
            List<List<String>> byWorker = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                byWorker.add(outs.get(i).lines().toList());
                assertEquals(0, procs.get(i).waitFor(), "taker " + i);
            }
            System.err.println("two processes took " + byWorker.get(0).size() + " and " + byWorker.get(1).size() + " runs");
            assertEachTakenOnce(ids, byWorker);
        } finally {
            procs.forEach(Process::destroyForcibly);
        }
    }

    /** A worker-like process: opens the queue, says so, waits for a line on stdin, then takes runs until none is left. */
    public static final class Taker {
        static final String READY = "ready";

        public static void main(String[] args) throws IOException {
            RunQueue q = RunQueue.open(Path.of(args[0]));
            System.out.println(READY);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            StringBuilder out = new StringBuilder();
            for (String id : drain(q)) out.append(id).append('\n');
            System.out.print(out);
            System.out.flush();
        }
    }

    /**
     * A killed invocation leaves its queue with claims of runs it never finished. The next runner (holding the
     * output lock) makes a fresh queue in which every run can be taken again, and the killed invocation's folder is
     * gone, so one of its workers still alive could not take a run of the new queue either.
     */
    @Test
    void claimsLeftByAKilledInvocationBlockNoResume() throws IOException {
        List<String> ids = ids(6);
        RunQueue killed = RunQueue.create(folder, ids);
        RunQueue killedWorker = RunQueue.open(killed.dir());
        assertEquals(ids.subList(0, 2), List.of(killed.claim().orElseThrow(), killed.claim().orElseThrow()));
        assertEquals(Optional.of(ids.get(2)), killedWorker.claim());
        // killed here: nothing deleted its queue

        List<String> left = ids.subList(0, 4); // say runs 4 and 5 were published before the kill
        RunQueue resumed = RunQueue.create(folder, left);
        assertFalse(Files.exists(killed.dir()), "the killed invocation's queue is removed");
        assertEquals(List.of(resumed.dir()), list(folder.resolve(RunQueue.DIR)));
        assertThrows(UncheckedIOException.class, killedWorker::claim, "a worker of the killed invocation takes nothing");
        assertEquals(left, drain(resumed), "the runs the killed invocation had claimed are taken again");

        resumed.delete();
        assertFalse(Files.exists(folder.resolve(RunQueue.DIR)), "a finished invocation leaves no queue");
    }

    @Test
    void clearingLeftoversOfAFolderWithoutAQueueIsHarmless() throws IOException {
        RunQueue.clearLeftovers(folder);
        assertEquals(List.of(), list(folder));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }
}
