package dev.dgmbench.stats;


/** The two-group tests, named by the spec strings used in benchmark configuration files, with their effect sizes. */
public enum TestKind {
    WELCH("welch", false, TestKind.HEDGES_G),
    MANN_WHITNEY("mann-whitney", false, TestKind.CLIFFS_DELTA),
    PAIRED_T("paired-t", true, TestKind.HEDGES_G),
    WILCOXON("wilcoxon-paired", true, TestKind.CLIFFS_DELTA);

    /** The effect sizes' names in {@link TestResult#effectSizeName()} and in claims. */
    public static final String HEDGES_G = "hedges_g", CLIFFS_DELTA = "cliffs_delta";

    private final String spec;
    private final boolean paired;
    private final String effectSizeName;

    TestKind(String spec, boolean paired, String effectSizeName) {
        this.spec = spec;
        this.paired = paired;
        this.effectSizeName = effectSizeName;
    }

    /** The effect size this test reports: Hedges' g for the t tests, Cliff's delta for the rank tests. */
    public String effectSizeName() {
        return effectSizeName;
    }

    /** The configuration name, e.g. "mann-whitney". */
    public String spec() {
        return spec;
    }

    /**
     * Whether the test uses only the values' ranks (signs of paired differences included): then its one-sided p moves
     * one way as any one value moves, so it has a least favourable value at each extreme ({@link LeastFavourable}).
     */
    public boolean rankBased() {
        return effectSizeName.equals(CLIFFS_DELTA);
    }

    /** Whether the test needs the two groups as matched pairs of equal length. */
    public boolean paired() {
        return paired;
    }

    /** Parses a spec string ("welch", "mann-whitney", "paired-t", "wilcoxon-paired"), ignoring case and spaces. */
    public static TestKind parse(String spec) {
        return SpecNames.parse(values(), TestKind::spec, "test", spec);
    }

    @Override
    public String toString() {
        return spec;
    }
}
