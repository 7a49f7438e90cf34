package dev.dgmbench.suite.backend;

import java.util.Objects;

/**
 * Whether something can run, with a plain-language message that says why (or why not) and is fit to show a user
 * as is.
 */
public record Verdict(boolean supported, String message) {

    public Verdict {
        Objects.requireNonNull(message, "message");
    }

    public static Verdict ok(String message) {
        return new Verdict(true, message);
    }

    public static Verdict refused(String message) {
        return new Verdict(false, message);
    }
}
