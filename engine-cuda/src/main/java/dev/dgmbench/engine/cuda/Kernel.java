package dev.dgmbench.engine.cuda;

/**
 * The kernels of {@code kernels.cu}, by their CUDA names. Each is launched over {@code total} elements with the
 * arguments listed in the source (all but the trailing {@code total}); {@link HostKernels} holds their twins.
 */
public enum Kernel {
    GATHER_ROWS("gather_rows"),
    GATHER_ROWS_INT("gather_rows_int"),
    BIAS_ACT("bias_act"),
    LEAKY_DERIV("leaky_deriv"),
    COL_SUMS("col_sums"),
    REPARAM("reparam"),
    CATEGORICAL_HEAD("categorical_head"),
    BERNOULLI_HEAD("bernoulli_head"),
    ROW_SUMS("row_sums"),
    KL_ROWS("kl_rows"),
    BATCH_LOSS("batch_loss"),
    OPTIMIZER_STEP("optimizer_step"),
    PROBABILITIES("probabilities"),
    BERNOULLI_PROBABILITIES("bernoulli_probabilities"),
    BCE("bce"),
    SCALAR_DELTA("scalar_delta");

    /** The source every device compiles: the classpath resource beside this class. */
    public static final String SOURCE = "kernels.cu";

    final String cudaName;

    Kernel(String cudaName) {
        this.cudaName = cudaName;
    }

    public String cudaName() {
        return cudaName;
    }
}
