package dev.dgmbench.engine;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A beta-VAE's parameters in canonical form: seven dense layers by name, the decoder output's columns
 * pixel-major (column j*K + k is level k of pixel j). Engines load from and store to this form; how they lay the
 * numbers out inside (stacked, level-major, on a GPU) is their business.
 */
public record VaeWeights(Map<String, Layer> layers) {
    /** Layer names in the order their initial weights are drawn. */
    public static final List<String> LAYERS = List.of("enc1", "enc2", "enc_mu", "enc_lv", "dec1", "dec2", "dec_out");

    public VaeWeights {
        layers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(layers));
        if (!layers.keySet().containsAll(LAYERS)) throw new IllegalArgumentException("a VAE needs layers " + LAYERS);
    }

    /** Glorot-uniform weights and zero biases, drawn layer by layer from the seed's {@code vae-init} stream. */
    public static VaeWeights glorot(VaeShape s, long seed) {
        return initial(s, seed, Init.GLOROT);
    }

    /**
     * Initial weights by {@code init}, drawn layer by layer in the order of {@link #LAYERS} from the seed's
     * {@code vae-init} stream (each layer: weights row-major, then biases where the scheme draws them).
     */
    public static VaeWeights initial(VaeShape s, long seed, Init init) {
        Random rng = Seeds.random(seed, "vae-init");
        int d = s.pixels(), m = s.hidden(), l = s.latent();
        int[][] dims = {{d, m}, {m, m}, {m, l}, {m, l}, {l, m}, {m, m}, {m, s.outputs()}};
        Map<String, Layer> out = new LinkedHashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) out.put(LAYERS.get(i), init.layer(rng, dims[i][0], dims[i][1]));
        return new VaeWeights(out);
    }

    public Layer layer(String name) {
        return layers.get(name);
    }

    /** As named arrays ({@code enc1.w}, {@code enc1.b}, ...). */
    public Map<String, float[]> arrays() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String n : LAYERS) {
            out.put(n + ".w", layers.get(n).w());
            out.put(n + ".b", layers.get(n).b());
        }
        return out;
    }

    public static VaeWeights fromArrays(VaeShape s, Map<String, float[]> arrays) {
        VaeWeights shapeOf = glorotShapes(s);
        Map<String, Layer> out = new LinkedHashMap<>();
        for (String n : LAYERS) {
            Layer like = shapeOf.layer(n);
            float[] w = arrays.get(n + ".w"), b = arrays.get(n + ".b");
            if (w == null || b == null) throw new IllegalArgumentException("no weights for layer " + n);
            out.put(n, new Layer(like.in(), like.out(), w, b));
        }
        return new VaeWeights(out);
    }

    private static VaeWeights glorotShapes(VaeShape s) {
        return glorot(s, 0);
    }

    public VaeWeights copy() {
        Map<String, Layer> out = new LinkedHashMap<>();
        layers.forEach((k, v) -> out.put(k, v.copy()));
        return new VaeWeights(out);
    }
}
