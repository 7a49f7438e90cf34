package dev.dgmbench.store;

import java.time.Duration;
import java.util.List;

/**
 * What a push did.
 *
 * @param runs      run folders in the pushed study folder
 * @param added     runs stored by this push
 * @param existing  runs whose identity was stored already (nothing changed)
 * @param replaced  stored FAILED runs replaced by an OK run of the same identity
 * @param differing runs stored already with another metrics digest (same identity, other numbers): a
 *                  reproducibility finding, the stored numbers were kept
 * @param claims    claims uploaded with this push
 */
public record PushReport(String study, String specDigest, long pushId, int runs, int added, int existing,
                         int replaced, List<RunIdentity> differing, int claims, Duration elapsed) {
    @Override
    public String toString() {
        return "pushed " + study + " (spec " + specDigest.substring(0, Math.min(12, specDigest.length())) + "): "
                + runs + " runs, " + added + " new, " + existing + " already stored"
                + (replaced > 0 ? ", " + replaced + " FAILED runs replaced" : "")
                + (differing.isEmpty() ? "" : ", " + differing.size() + " stored with OTHER metrics (kept): " + differing)
                + (claims > 0 ? ", " + claims + " claims" : "")
                + String.format(" in %.2f s", elapsed.toNanos() / 1e9);
    }
}
