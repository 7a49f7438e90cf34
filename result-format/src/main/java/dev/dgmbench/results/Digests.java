package dev.dgmbench.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha-256 digests of canonical JSON: same numbers, same digest, whatever the machine or the map order. */
public final class Digests {
    private Digests() {
    }

    public static String ofMetrics(RunMetrics metrics) {
        return sha256(CanonicalJson.canonical(metrics));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }
}
