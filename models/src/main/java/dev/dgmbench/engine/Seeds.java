package dev.dgmbench.engine;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One run seed, many independent streams (init, shuffling, noise, sampling, ...). Each stream gets its own
 * {@link Random} derived by SplitMix64 mixing of the seed and the stream's name, so adding a stream never shifts
 * the numbers of another. All randomness is drawn in Java: it is the same on every ND4J backend, so a backend
 * comparison measures arithmetic differences only.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, String stream) {
        long h = seed;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) h = mix(h ^ b);
        return mix(h);
    }

    public static Random random(long seed, String stream) {
        return new Random(derive(seed, stream));
    }

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
