package dev.dgmbench.suite.spec;

import dev.dgmbench.results.BadInputException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A spec file that cannot be used. Carries every problem found in the file (not just the first), each as
 * {@code file:line: field: problem}, one per line of the message. A command line tool exits with {@link #EXIT_CODE}.
 */
public class SpecException extends BadInputException {
    /** Exit code for an invalid spec: that of all bad input. */
    public static final int EXIT_CODE = BadInputException.EXIT_CODE;

    private final transient List<SpecError> errors;

    /** @param errors the problems; they are listed by line (stable for problems on one line) */
    public SpecException(List<SpecError> errors) {
        this(sorted(errors), true);
    }

    private SpecException(List<SpecError> sorted, boolean ignored) {
        super(format(sorted));
        this.errors = sorted;
    }

    private static List<SpecError> sorted(List<SpecError> errors) {
        List<SpecError> s = new ArrayList<>(errors);
        s.sort(Comparator.comparingInt(SpecError::line));
        return List.copyOf(s);
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
