package dev.dgmbench.engine.nd4j;

import dev.dgmbench.models.fused.JavaMatMul;
import dev.dgmbench.models.fused.MatMul;
import dev.dgmbench.models.fused.MatMul.Mat;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** BLAS products through views of a flat parameter vector, against the pure-Java products. */
class Nd4jMatMulTest {
    @Test
    void viewsOfAFlatVectorMultiplyLikeThePureJavaProducts() {
        Random r = new Random(1);
        float[] params = new float[40], x = new float[3 * 4];
        for (int i = 0; i < params.length; i++) params[i] = (float) r.nextGaussian();
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] blas = product(new Nd4jMatMul(), params, x), java = product(new JavaMatMul(), params, x);
        for (int i = 0; i < blas.length; i++) assertEquals(java[i], blas[i], 1e-5, "element " + i);
    }

    /** x [3, 4] times the [4, 5] matrix stored at params[6 ..]. */
    private static float[] product(MatMul mm, float[] params, float[] x) {
        Mat flat = mm.create(1, params.length), a = mm.create(3, 4), c = mm.create(3, 5);
        mm.write(params, params.length, flat);
        mm.write(x, x.length, a);
        mm.gemm(a, mm.view(flat, 6, 4, 5), c, false, false);
        float[] out = new float[15];
        mm.read(c, out, 15);
        return out;
    }
}
