package dev.dgmbench.models.fused;

/**
 * The matrix products of the fused kernels, and the matrices they read and write. Everything else the fused
 * engine does (bias, activations, likelihood, optimiser) runs in Java loops on heap copies, so a product backend
 * is all an engine swaps: {@link JavaMatMul} (pure Java, no native code) or ND4J's BLAS (module engine-nd4j).
 * SampleMatrices are row-major floats; a product's result depends only on its operands, never on earlier calls.
 */
public interface MatMul {
    /** A row-major float matrix owned by this backend. */
    interface Mat {
        int rows();

        int cols();
    }

    /** A new zero matrix. */
    Mat create(int rows, int cols);

    /** The rows x cols matrix stored at {@code flat[offset ...]} (a layer inside a parameter vector); shares storage. */
    Mat view(Mat flat, int offset, int rows, int cols);

    /** c = op(a) op(b), op the transpose where asked, overwriting c. */
    void gemm(Mat a, Mat b, Mat c, boolean transA, boolean transB);

    /** Copies the first {@code len} elements of m (row-major) into dst. */
    void read(Mat m, float[] dst, int len);

    /** Copies {@code len} elements of src into m (row-major). */
    void write(float[] src, int len, Mat m);

    /** What computes the products, for provenance (e.g. "java-simd", "nd4j-openblas"). */
    String name();
}
