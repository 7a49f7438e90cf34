package dev.dgmbench.store;

import dev.dgmbench.results.ResultFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stored run set fetched for {@code compare --baseline SPEC[@BACKEND[@COMMIT]]}, in a temporary folder that
 * {@link #close()} removes. {@code COMMIT} is {@code latest} (the default), a commit prefix, {@code commit:PREFIX}
 * or {@code branch:NAME}. With {@code latest} the commit under test is left out unless {@code includeCurrent}: a
 * baseline is normally another commit, but right after a push the only stored commit may be this one.
 *
 * @param label  {@code spec@commit} (short commit), for report columns
 * @param stored what was loaded
 */
public record Baseline(String label, StoredStudy stored) implements AutoCloseable {
    /** The parts of a baseline selector. */
    public record Selector(String spec, String backend, String commit) {
        public static Selector parse(String text) {
            String[] parts = text == null ? new String[0] : text.strip().split("@", -1);
            if (parts.length == 0 || parts.length > 3 || parts[0].isBlank()) {
                throw new StoreException(StoreException.Kind.CONFIG, "--baseline '" + text + "' is not SPEC[@BACKEND[@COMMIT]] "
                        + "(e.g. quick, quick@cpu-avx2, quick@cpu-avx2@3f2a9c1, quick@@branch:main)");
            }
            String backend = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : null;
            String commit = parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : LoadFilter.LATEST;
            return new Selector(parts[0].strip(), backend, commit);
        }

        boolean latest() {
            return LoadFilter.LATEST.equalsIgnoreCase(commit);
        }
    }

    /** Loads the baseline; {@code currentCommit} (may be null or "unknown") is left out of {@code latest} unless included. */
    public static Baseline fetch(ResultsStore store, String selectorText, String currentCommit, boolean includeCurrent) {
        Selector sel = Selector.parse(selectorText);
        boolean exclude = sel.latest() && !includeCurrent && currentCommit != null && !currentCommit.isBlank()
                && !currentCommit.equals("unknown");
        Path into;
        try {
            into = Files.createTempDirectory("dgmbench-baseline-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the baseline: " + e.getMessage(), e);
        }
        try {
            StoredStudy s;
            try {
                s = store.baseline(sel.spec(), sel.backend(), sel.commit(), exclude ? currentCommit : null, into);
            } catch (StoreException e) {
                if (exclude && e.kind() == StoreException.Kind.NOT_FOUND) {
                    throw new StoreException(e.kind(), e.getMessage() + "; the commit under test ("
                            + RunIdentity.Short.commit(currentCommit) + ") is left out of 'latest': add --include-current-commit "
                            + "or name a commit (" + sel.spec() + "@" + (sel.backend() == null ? "" : sel.backend()) + "@COMMIT)", e);
                }
                throw e;
            }
            return new Baseline(s.results().info().name() + "@" + (s.commit().isEmpty() ? "unknown-commit" : RunIdentity.Short.commit(s.commit())), s);
        } catch (RuntimeException e) {
            deleteQuietly(into);
            throw e;
        }
    }

    public Path folder() {
        return stored.results().folder();
    }

    /** Removes the temporary folder. */
    @Override
    public void close() {
        deleteQuietly(stored.results().folder());
    }

    private static void deleteQuietly(Path p) {
        try {
            ResultFolder.deleteTree(p);
        } catch (IOException e) {
            // a temporary folder the OS cleans up later; nothing the user can act on
        }
    }
}
