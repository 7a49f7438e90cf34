package dev.dgmbench.suite.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec file that cannot be used. Carries every problem found in the file (not just the first), each as
 * {@code file:line: field: problem}, one per line of the message. A command line tool exits with {@link #EXIT_CODE}.
 */
public class SpecException extends RuntimeException {
    /** Exit code for an invalid spec (usage errors are 2 by convention). */
    public static final int EXIT_CODE = 2;

    private final transient List<SpecError> errors;

    public SpecException(List<SpecError> errors) {
        super(format(errors));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }

    private static String format(List<SpecError> errors) {
        if (errors.isEmpty()) return "invalid spec";
        if (errors.size() == 1) return errors.get(0).toString();
        return errors.size() + " problems in " + errors.get(0).file() + ":\n"
                + errors.stream().map(SpecError::toString).collect(Collectors.joining("\n"));
    }
}
