package dev.dgmbench.engine.nd4j;

import dev.dgmbench.models.fused.MatMul;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;

/**
 * The fused kernels' products on ND4J's BLAS (OpenBLAS in the CPU builds): operands live in native memory as
 * c-ordered float arrays, copied to and from the heap in bulk around each product.
 */
public final class Nd4jMatMul implements MatMul {

    record NativeMat(INDArray a) implements Mat {
        @Override
        public int rows() {
            return (int) a.rows();
        }

        @Override
        public int cols() {
            return (int) a.columns();
        }
    }

    @Override
    public Mat create(int rows, int cols) {
        return new NativeMat(Nd4j.create(DataType.FLOAT, rows, cols));
    }

    @Override
    public Mat view(Mat flat, int offset, int rows, int cols) {
        INDArray f = ((NativeMat) flat).a;
        return new NativeMat(f.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + rows * cols)).reshape('c', rows, cols));
    }

    @Override
    public void gemm(Mat a, Mat b, Mat c, boolean transA, boolean transB) {
        Nd4j.gemm(((NativeMat) a).a, ((NativeMat) b).a, ((NativeMat) c).a, transA, transB, 1.0, 0.0);
    }

    @Override
    public void read(Mat m, float[] dst, int len) {
        buffer(((NativeMat) m).a, len).get(dst, 0, len);
    }

    @Override
    public void write(float[] src, int len, Mat m) {
        buffer(((NativeMat) m).a, len).put(src, 0, len);
    }

    @Override
    public String name() {
        return "nd4j-" + Nd4j.factory().blas().getBlasVendor().name().toLowerCase();
    }

    /** The native buffer positioned at a's first element (a view's buffer spans its parent's). */
    private static FloatBuffer buffer(INDArray a, int len) {
        if (a.dataType() != DataType.FLOAT || a.ordering() != 'c' || a.length() < len) {
            throw new IllegalArgumentException("need a c-ordered float array of at least " + len + " elements, got "
                    + a.dataType() + " " + a.ordering() + " " + a.length());
        }
        FloatBuffer fb = a.data().asNioFloat();
        fb.position((int) a.offset());
        return fb;
    }
}
