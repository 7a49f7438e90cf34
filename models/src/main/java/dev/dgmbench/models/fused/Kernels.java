package dev.dgmbench.models.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise loops of the fused engine in SIMD form (JDK 17's incubating Vector API; its exp is Intel's
 * SVML, ~0.45 ns per float here against ~16 ns for {@link Math#exp}, with a relative error under 1e-7).
 * Every loop has a scalar tail with the same operation order, and the lane count is fixed per machine, so results
 * are bit-reproducible on one machine and JVM. Needs {@code --add-modules jdk.incubator.vector} ({@link #check}).
 */
public final class Kernels {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private Kernels() {
    }

    /** Throws a clear error if the JVM runs without the Vector API module (it is not resolved by default). */
    public static void check() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the fused engine needs the JVM option --add-modules jdk.incubator.vector "
                    + "(the dgmbench launcher and its workers set it); or run with engine: samediff");
        }
    }

    /** Bits of the SIMD registers used (recorded in provenance: results depend on it). */
    public static int vectorBits() {
        return SPECIES.vectorBitSize();
    }

    /** h[r, c] = act(h[r, c] + bias[c]) with act = LeakyReLU(slope) (max(v, slope v)) or identity. */
    static void addBias(float[] h, int rows, int width, float[] bias, boolean leaky, float slope) {
        int bound = SPECIES.loopBound(width);
        for (int r = 0; r < rows; r++) {
            int base = r * width, c = 0;
            for (; c < bound; c += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, h, base + c).add(FloatVector.fromArray(SPECIES, bias, c));
                if (leaky) v = v.max(v.mul(slope));
                v.intoArray(h, base + c);
            }
            for (; c < width; c++) {
                float v = h[base + c] + bias[c];
                h[base + c] = leaky ? Math.max(v, v * slope) : v;
            }
        }
    }

    /** delta *= 1 where the activation is positive, else slope (the LeakyReLU derivative). */
    static void leakyDerivative(float[] activation, float[] delta, int len, float slope) {
        int i = 0, bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector d = FloatVector.fromArray(SPECIES, delta, i);
            VectorMask<Float> off = FloatVector.fromArray(SPECIES, activation, i).compare(VectorOperators.LE, 0f);
            d.blend(d.mul(slope), off).intoArray(delta, i);
        }
        for (; i < len; i++) delta[i] = activation[i] > 0 ? delta[i] : delta[i] * slope;
    }

    /** out[c] = sum over rows of d[r, c]. */
    static void columnSums(float[] d, int rows, int width, float[] out) {
        java.util.Arrays.fill(out, 0, width, 0f);
        int bound = SPECIES.loopBound(width);
        for (int r = 0; r < rows; r++) {
            int base = r * width, c = 0;
            for (; c < bound; c += LANES) {
                FloatVector.fromArray(SPECIES, out, c).add(FloatVector.fromArray(SPECIES, d, base + c)).intoArray(out, c);
            }
            for (; c < width; c++) out[c] += d[base + c];
        }
    }

    /** sum_i a[aFrom + i] * b[i] for i < len. */
    static float dot(float[] a, int aFrom, float[] b, int len) {
        int i = 0, bound = SPECIES.loopBound(len);
        FloatVector acc = FloatVector.zero(SPECIES);
        for (; i < bound; i += LANES) {
            acc = FloatVector.fromArray(SPECIES, a, aFrom + i).fma(FloatVector.fromArray(SPECIES, b, i), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < len; i++) s += a[aFrom + i] * b[i];
        return s;
    }

    /**
     * For a level-major row (slice k of P pixels at {@code from + k * pixels}): per pixel j the largest level m[j],
     * e[k * P + j] = exp(l - m[j]) and s[j] = sum_k e. The softmax of each pixel over its levels, in SIMD across pixels.
     */
    static void softmaxAcrossSlices(float[] src, int from, int levels, int pixels, float[] m, float[] e, float[] s) {
        int bound = SPECIES.loopBound(pixels), j = 0;
        for (; j < bound; j += LANES) {
            FloatVector max = FloatVector.fromArray(SPECIES, src, from + j);
            for (int k = 1; k < levels; k++) max = max.max(FloatVector.fromArray(SPECIES, src, from + k * pixels + j));
            max.intoArray(m, j);
            FloatVector sum = FloatVector.zero(SPECIES);
            for (int k = 0; k < levels; k++) {
                FloatVector ek = FloatVector.fromArray(SPECIES, src, from + k * pixels + j).sub(max)
                        .lanewise(VectorOperators.EXP);
                ek.intoArray(e, k * pixels + j);
                sum = sum.add(ek);
            }
            sum.intoArray(s, j);
        }
        for (; j < pixels; j++) {
            float max = src[from + j];
            for (int k = 1; k < levels; k++) max = Math.max(max, src[from + k * pixels + j]);
            m[j] = max;
            float sum = 0;
            for (int k = 0; k < levels; k++) sum += (e[k * pixels + j] = (float) Math.exp(src[from + k * pixels + j] - max));
            s[j] = sum;
        }
    }

    /** dst[i] = scale * e[i] / s[i mod P] over the level-major block: softmax probabilities times scale. */
    static void scaledProbabilities(float[] e, float[] s, int levels, int pixels, float scale, float[] dst, int to) {
        int bound = SPECIES.loopBound(pixels);
        for (int k = 0; k < levels; k++) {
            int j = 0, at = k * pixels;
            for (; j < bound; j += LANES) {
                FloatVector.fromArray(SPECIES, e, at + j).mul(scale).div(FloatVector.fromArray(SPECIES, s, j))
                        .intoArray(dst, to + at + j);
            }
            for (; j < pixels; j++) dst[to + at + j] = e[at + j] * scale / s[j];
        }
    }

    /** Largest of src[from .. from+len). */
    static float max(float[] src, int from, int len) {
        int i = 0, bound = SPECIES.loopBound(len);
        float m = Float.NEGATIVE_INFINITY;
        if (bound > 0) {
            FloatVector acc = FloatVector.fromArray(SPECIES, src, from);
            for (i = LANES; i < bound; i += LANES) acc = acc.max(FloatVector.fromArray(SPECIES, src, from + i));
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < len; i++) m = Math.max(m, src[from + i]);
        return m;
    }

    /** dst[0 .. len) = exp(src[from + i] - shift). */
    static void expShifted(float[] src, int from, float shift, float[] dst, int len) {
        int i = 0, bound = SPECIES.loopBound(len);
        for (; i < bound; i += LANES) {
            FloatVector.fromArray(SPECIES, src, from + i).sub(shift).lanewise(VectorOperators.EXP).intoArray(dst, i);
        }
        for (; i < len; i++) dst[i] = (float) Math.exp(src[from + i] - shift);
    }
}
