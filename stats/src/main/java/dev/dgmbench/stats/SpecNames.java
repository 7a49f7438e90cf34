package dev.dgmbench.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Enum constants looked up by the name a spec spells them with, ignoring case and surrounding spaces. */
final class SpecNames {
    private SpecNames() {
    }

    /**
     * @param what what the name names, for the error ("test", "correction")
     * @throws IllegalArgumentException naming the allowed values when {@code spec} is none of them
     */
    static <E extends Enum<E>> E parse(E[] values, Function<E, String> name, String what, String spec) {
        if (spec != null) {
            String s = spec.trim().toLowerCase(Locale.ROOT);
            for (E e : values) {
                if (name.apply(e).equals(s)) return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + spec + "'; expected one of "
                + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
    }
}
