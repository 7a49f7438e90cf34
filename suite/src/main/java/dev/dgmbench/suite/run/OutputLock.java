package dev.dgmbench.suite.run;

import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.CanonicalJson;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One writer per output folder. A study holds {@code .dgmbench.lock} in its output folder: an operating-system lock
 * on the file ({@link FileChannel#tryLock}), which dies with the process however it ends, plus a record of the
 * holder (pid, host, start) for the messages and for the case the operating-system lock cannot see: a holder
 * on another host. A second study of the folder waits for it (polling) or, with no wait, refuses with the holder
 * named. A lock left by a dead process of this host is taken over with a message. Reentrant within one thread,
 * so the CLI can hold it across the study and its report while {@link StudyRunner} takes it again.
 */
public final class OutputLock implements AutoCloseable {
    public static final String FILE = ".dgmbench.lock";
    /** How long {@code run} waits for another run of the folder unless told not to: longer than any sane study. */
    public static final Duration DEFAULT_WAIT = Duration.ofHours(24);
    /** Time for a holder that has just taken the lock to write its record, before we say who it is. */
    private static final Duration RECORD_GRACE = Duration.ofSeconds(2);
    static Duration poll = Duration.ofMillis(500);

    private static final Map<Path, OutputLock> HELD = new HashMap<>();

    /** Who holds (or held) a folder, as written in the lock file. */
    public record Holder(long pid, String host, String processStart, String since) {
        static Holder current() {
            ProcessHandle me = ProcessHandle.current();
            return new Holder(me.pid(), HOST, me.info().startInstant().map(Instant::toString).orElse(null),
                    Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        }

        /** Alive on this host and the same process (a pid reused by a later process does not count). */
        boolean aliveHere() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .map(p -> processStart == null || p.info().startInstant().map(Instant::toString)
                            .map(processStart::equals).orElse(true))
                    .orElse(false);
        }

        @Override
        public String toString() {
            return "pid " + pid + " on host " + host + ", started " + since;
        }
    }

    /** The folder is in use by another study: bad input for a CLI command (exit 2), with the holder named. */
    public static final class Busy extends BadInputException {
        Busy(String message) {
            super(message);
        }
    }

    private final Path key, file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private final Thread owner = Thread.currentThread();
    private int depth = 1;

    private OutputLock(Path key, Path file, FileChannel channel, FileLock lock, Holder holder) {
        this.key = key;
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /**
     * Takes the lock of {@code folder} (creating the folder), waiting up to {@code wait} for another holder;
     * {@code messages} gets the waiting and take-over lines.
     *
     * @throws Busy when the folder is still held after {@code wait} (at once for {@link Duration#ZERO})
     */
    public static OutputLock acquire(Path folder, Duration wait, PrintStream messages) throws InterruptedException {
        Path key = folder.toAbsolutePath().normalize();
        long start = System.nanoTime();
        boolean announced = false;
        while (true) {
            Object got = tryOnce(key, messages);
            if (got instanceof OutputLock l) return l;
            Holder holder = (Holder) got;
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            boolean recordDue = holder != null || waited.compareTo(RECORD_GRACE) >= 0;
            if (recordDue && waited.compareTo(wait) >= 0) throw new Busy(busy(key, holder, wait));
            if (recordDue && !announced) {
                messages.println("waiting for " + key + ": in use by another run (" + describe(holder) + "); this"
                        + " run goes on from its results once it ends (--no-wait refuses instead)");
                announced = true;
            }
            Thread.sleep(poll.toMillis());
        }
    }

    /** The lock, or the holder in the way (null when it has not written its record yet). */
    private static Object tryOnce(Path key, PrintStream messages) {
        synchronized (HELD) {
            OutputLock mine = HELD.get(key);
            if (mine != null) {
                if (mine.owner != Thread.currentThread()) return mine.holder;
                mine.depth++;
                return mine;
            }
        }
        Path file = key.resolve(FILE);
        FileChannel ch = null;
        try {
            Files.createDirectories(key);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            Object opened = fileKey(file);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another thread of this JVM, between its tryLock and its entry in HELD
            }
            if (lock == null) {
                Holder h = read(ch);
                ch.close();
                return h;
            }
            // A holder deletes the file before it lets go: a lock on a deleted (or replaced) file guards nothing.
            if (!Files.exists(file) || !Objects.equals(opened, fileKey(file))) {
                ch.close();
                return tryOnce(key, messages);
            }
            Holder previous = read(ch);
            if (previous != null && !previous.host().equals(HOST)) {
                ch.close(); // a process of another host: its lock may not be visible here, and its pid cannot be checked
                return previous;
            }
            if (previous != null && previous.aliveHere() && previous.pid() != ProcessHandle.current().pid()) {
                ch.close(); // alive, yet no lock seen: a file system without locks; the record decides
                return previous;
            }
            if (previous != null) {
                messages.println("note: " + key + " was locked by " + previous + ", which is no longer running;"
                        + " taking the lock over");
            }
            Holder me = Holder.current();
            write(ch, me);
            OutputLock l = new OutputLock(key, file, ch, lock, me);
            synchronized (HELD) {
                HELD.put(key, l);
            }
            return l;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** Releases the lock (the outermost holder of this thread): the record and the file go first. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (--depth > 0) return;
            HELD.remove(key);
        }
        try {
            channel.truncate(0);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the file stays with its record; the next run finds the lock free and the process gone
        } finally {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it too
            }
            closeQuietly(channel);
        }
    }

    /** The record of the current holder of {@code folder}, or null when it is free or unreadable. */
    public static Holder holder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder.resolve(FILE), StandardOpenOption.READ)) {
            return read(ch);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String busy(Path key, Holder h, Duration wait) {
        String when = wait.isZero() ? "" : " after waiting " + human(wait);
        String stale = h != null && !h.host().equals(HOST) ? "; if that run has ended, delete " + key.resolve(FILE) : "";
        return key + ": in use by another run (" + describe(h) + ")" + when + stale + "; allowed: one run per output"
                + " folder at a time (" + (wait.isZero() ? "run again without --no-wait to wait for it, or " : "")
                + "choose another --out)";
    }

    private static String describe(Holder h) {
        return h == null ? "a process that has not written its name into " + FILE + " yet" : h.toString();
    }

    private static String human(Duration d) {
        return d.toHours() >= 1 ? d.toHours() + " h" : d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private static Holder read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0 || size > 4096) return null;
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read all of it
        }
        try {
            Holder h = CanonicalJson.MAPPER.readValue(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8), Holder.class);
            return h.host() == null ? null : h;
        } catch (IOException torn) {
            return null; // a holder killed while writing its record: nobody's record
        }
    }

    private static void write(FileChannel ch, Holder h) throws IOException {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((CanonicalJson.canonical(h) + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
    }

    private static Object fileKey(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Looked up once: a name lookup can be slow, and the lock is polled. */
    private static final String HOST = lookUpHost();

    private static String lookUpHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
