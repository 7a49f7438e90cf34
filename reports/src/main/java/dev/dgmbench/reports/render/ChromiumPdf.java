package dev.dgmbench.reports.render;

import dev.dgmbench.results.AtomicFiles;
import dev.dgmbench.results.BadInputException;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prints an HTML report to PDF with headless Chromium, which lays the page out as a reader's browser does (flex
 * layout, the inline PNGs, the stylesheet's print rules). A Java renderer such as openhtmltopdf understands CSS 2.1
 * only and would need a second stylesheet; Chromium adds no jar to the class path either.
 */
public final class ChromiumPdf {
    /** Names tried on the PATH, in order, when neither {@link #PROPERTY} nor {@link #ENV} names the browser. */
    public static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    public static final String PROPERTY = "dgmbench.chromium", ENV = "DGMBENCH_CHROMIUM";
    private static final long TIMEOUT_SECONDS = 180;

    private ChromiumPdf() {
    }

    /** The browser to print with, if one is installed. */
    public static Optional<Path> find() {
        String named = System.getProperty(PROPERTY, System.getenv(ENV));
        if (named != null && !named.isBlank()) return Optional.of(Path.of(named));
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String name : NAMES) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Prints {@code html} into {@code pdf} (written atomically); a clear error when no Chromium is installed. */
    public static Path print(Path html, Path pdf) {
        Path browser = find().orElseThrow(() -> new BadInputException("--pdf needs headless Chromium to print "
                + html + ", and none is installed: tried " + String.join(", ", NAMES) + " on the PATH; install one or "
                + "name it with " + ENV + "=/path/to/chromium (the other report files are written)"));
        if (!Files.isRegularFile(browser) || !Files.isExecutable(browser)) {
            throw new BadInputException("--pdf: " + ENV + " (or -D" + PROPERTY + ") names " + browser
                    + ", which is not an executable file; name a Chromium or Chrome binary (the other report files are written)");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("dgmbench-pdf");
            Path out = work.resolve("report.pdf"), log = work.resolve("chromium.log");
            List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--no-pdf-header-footer", "--user-data-dir=" + work.resolve("profile"),
                    "--print-to-pdf=" + out, html.toAbsolutePath().toUri().toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(browser + " did not print " + html + " within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || !Files.isRegularFile(out) || Files.size(out) == 0) {
                throw new IllegalStateException(browser + " could not print " + html + " (exit " + p.exitValue() + "): "
                        + tail(log));
            }
            return AtomicFiles.write(pdf, Files.readAllBytes(out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot print " + html + " to " + pdf + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while printing " + html, e);
        } finally {
            if (work != null) delete(work);
        }
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) return "no output";
        String s = Files.readString(log).strip();
        return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
