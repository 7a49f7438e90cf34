package dev.dgmbench.models.fused;

import dev.dgmbench.engine.cuda.HostKernelsAccess;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The cuda engine's exp (kernels.cu dg_exp, twinned in HostKernels) is the fused engine's Kernels.exp bit for bit,
 * so the per-pixel softmax of both engines rounds alike. (In this package to reach the package-private original.)
 */
class ExpTwinTest {
    @Test
    void sameBitsAsTheFusedEngine() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 1_000_000; i++) {
            float x = (float) ((r.nextDouble() - 0.5) * 200);
            assertEquals(Float.floatToRawIntBits(Kernels.exp(x)), Float.floatToRawIntBits(HostKernelsAccess.exp(x)), "exp(" + x + ")");
        }
    }
}
