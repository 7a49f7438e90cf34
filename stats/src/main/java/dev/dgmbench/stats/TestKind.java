package dev.dgmbench.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The two-group tests, named by the spec strings used in benchmark configuration files. */
public enum TestKind {
    WELCH("welch", false),
    MANN_WHITNEY("mann-whitney", false),
    PAIRED_T("paired-t", true),
    WILCOXON("wilcoxon-paired", true);

    private final String spec;
    private final boolean paired;

    TestKind(String spec, boolean paired) {
        this.spec = spec;
        this.paired = paired;
    }

    /** The configuration name, e.g. "mann-whitney". */
    public String spec() {
        return spec;
    }

    /** Whether the test needs the two groups as matched pairs of equal length. */
    public boolean paired() {
        return paired;
    }

    /** Parses a spec string ("welch", "mann-whitney", "paired-t", "wilcoxon-paired"), ignoring case and spaces. */
    public static TestKind parse(String spec) {
        if (spec != null) {
            String s = spec.trim().toLowerCase(Locale.ROOT);
            for (TestKind k : values()) {
                if (k.spec.equals(s)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown test '" + spec + "'; expected one of "
                + Arrays.stream(values()).map(TestKind::spec).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return spec;
    }
}
