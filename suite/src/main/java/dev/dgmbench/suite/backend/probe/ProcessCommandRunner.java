package dev.dgmbench.suite.backend.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link CommandRunner} over {@link ProcessBuilder}. Output is drained on two daemon threads, so a command that
 * fills its pipe cannot block, and a command that outlives the timeout is killed with its descendants; a
 * grandchild that keeps the pipes open cannot hold the caller either, because the drain threads are only waited for
 * briefly.
 */
public final class ProcessCommandRunner implements CommandRunner {

    private static final long DRAIN_WAIT_MS = 500;

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Process process = pb.start();
        try {
            process.getOutputStream().close(); // no input: a command that reads stdin sees end of file
        } catch (IOException ignored) {
            // already gone
        }
        Drain out = new Drain(process.getInputStream(), "stdout");
        Drain err = new Drain(process.getErrorStream(), "stderr");
        out.start();
        err.start();
        boolean finished;
        try {
            finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Result(-1, out.text(), err.text(), true);
        }
        if (!finished) {
            kill(process);
            out.await();
            err.await();
            return new Result(-1, out.text(), err.text(), true);
        }
        out.await();
        err.await();
        return new Result(process.exitValue(), out.text(), err.text(), false);
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(DRAIN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        Drain(InputStream in, String name) {
            super("command-" + name);
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // the process was killed or closed its end; keep what was read
            }
        }

        void await() {
            try {
                join(DRAIN_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
