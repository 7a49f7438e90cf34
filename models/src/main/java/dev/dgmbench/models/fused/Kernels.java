package dev.dgmbench.models.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise loops of the fused engine in SIMD form (JDK 17's incubating Vector API).
 * <p>
 * Bit-reproducibility rules: a Vector API method runs as Java fallback code until the JIT compiles it, then as
 * machine code, and the switch happens at a time that varies from run to run. Only operations whose result is
 * fixed by IEEE 754 (add, mul, div, sqrt, fma, min, max, compares, exact conversions) give the same bits on both
 * paths; the library's transcendental functions (SVML when compiled) and lane reductions (tree order when
 * compiled) do not, and made two runs of the same spec differ. So exp is built here from exact operations
 * (Cody-Waite reduction and Cephes' expf polynomial, relative error under 1e-6, tested), sums across lanes are
 * done in a fixed scalar order, and scalar tails use the same formulas.
 * <p>
 * Width invariance: the results must not depend on the SIMD width of the machine (256-bit AVX2, 512-bit AVX-512).
 * Elementwise loops give the same bits at any width (each element gets the same IEEE operations, in the vector
 * body or the scalar tail). A sum over many elements ({@link #dot}) is accumulated in a fixed layout of
 * {@link #SUM_LANES} partial sums whatever the species' length, and those are added in lane order. The species is
 * the machine's preferred one up to 512 bits; the system property {@value #BITS_PROPERTY} (64, 128, 256 or 512)
 * chooses another, which the Vector API runs in software where the hardware lacks it: the width-invariance tests
 * run the same computation at 256 and 512 bits. Needs {@code --add-modules jdk.incubator.vector} ({@link #check}).
 */
public final class Kernels {
    /** The system property that chooses the SIMD width in bits (tests; results are the same at every width). */
    public static final String BITS_PROPERTY = "dgmbench.vector.bits";
    static final VectorSpecies<Float> SPECIES = species(System.getProperty(BITS_PROPERTY));
    private static final int LANES = SPECIES.length();
    /**
     * Partial sums of {@link #dot}: element i goes to partial i mod 16, whatever the species' length (16 is the
     * 512-bit species' lane count, so the results of the AVX-512 machines that made the published results stay).
     */
    static final int SUM_LANES = 16;
    private static final float LOG2E = 1.4426950408889634f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding and subtracting it rounds a float to the nearest integer, leaving it in the low bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f,
            P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    private Kernels() {
    }

    /** Throws a clear error if the JVM runs without the Vector API module (it is not resolved by default). */
    public static void check() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the fused engine needs the JVM option --add-modules jdk.incubator.vector "
                    + "(the dgmbench launcher and its workers set it); or run with engine: samediff");
        }
    }

    /** The species of {@code bits} (null: the preferred one, at most 512 bits, which {@link #SUM_LANES} needs). */
    static VectorSpecies<Float> species(String bits) {
        if (bits == null || bits.isBlank()) {
            VectorSpecies<Float> preferred = FloatVector.SPECIES_PREFERRED;
            return preferred.vectorBitSize() > 512 ? FloatVector.SPECIES_512 : preferred;
        }
        return switch (bits.trim()) {
            case "64" -> FloatVector.SPECIES_64;
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + bits + ": allowed: 64, 128, 256, 512");
        };
    }

    /** Bits of the SIMD registers used (recorded in provenance; the results do not depend on it). */
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

    /** e^x, clamped to [-87, 88] (float's normal range), from exact operations only: the same bits on every path. */
    static float exp(float x) {
        float c = Math.min(Math.max(x, -87f), 88f);
        float rounded = c * LOG2E + ROUND;
        float n = rounded - ROUND;
        float r = c - n * LN2_HI - n * LN2_LO;
        float p = ((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5;
        return (p * r * r + r + 1f) * Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - ROUND_BITS + 127) << 23);
    }

    /** {@link #exp(float)} lane by lane, the same formula in the same order. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(-87f).min(88f);
        FloatVector rounded = c.mul(LOG2E).add(ROUND);
        FloatVector n = rounded.sub(ROUND);
        FloatVector r = c.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(P0).add(P1).mul(r).add(P2).mul(r).add(P3).mul(r).add(P4).mul(r).add(P5);
        IntVector bits = ((IntVector) rounded.reinterpretAsInts()).sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(r).mul(r).add(r).add(1f).mul(bits.reinterpretAsFloats());
    }

    /**
     * sum_i a[aFrom + i] * b[bFrom + i] for i < len, the same bits at every SIMD width: partial sum l (of
     * {@link #SUM_LANES}) takes the products of the elements i = l mod 16 below the last whole block of 16, in
     * ascending i; the partials are added in order 0..15, then the tail's products one by one. A species of 16 lanes
     * holds all partials in one accumulator; a narrower one goes through the blocks once per group of its lanes.
     */
    static float dot(float[] a, int aFrom, float[] b, int bFrom, int len) {
        int blocks = len - len % SUM_LANES;
        float s = 0;
        for (int first = 0; first < SUM_LANES; first += LANES) {
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int i = first; i < blocks; i += SUM_LANES) {
                acc = acc.add(FloatVector.fromArray(SPECIES, a, aFrom + i).mul(FloatVector.fromArray(SPECIES, b, bFrom + i)));
            }
            for (int lane = 0; lane < LANES; lane++) s += acc.lane(lane);
        }
        for (int i = blocks; i < len; i++) s += a[aFrom + i] * b[bFrom + i];
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
                FloatVector ek = exp(FloatVector.fromArray(SPECIES, src, from + k * pixels + j).sub(max));
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
            for (int k = 0; k < levels; k++) sum += (e[k * pixels + j] = exp(src[from + k * pixels + j] - max));
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
}
