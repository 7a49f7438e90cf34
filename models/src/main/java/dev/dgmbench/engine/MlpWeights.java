package dev.dgmbench.engine;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The layers of a LeakyReLU MLP (input layer first), with the names they carry in weight files.
 *
 * @param names one name per layer, e.g. {@code nce0, nce1, nce_out}
 */
public record MlpWeights(List<String> names, List<Layer> layers) {
    public MlpWeights {
        names = List.copyOf(names);
        layers = List.copyOf(layers);
        if (names.size() != layers.size()) throw new IllegalArgumentException("one name per layer");
    }

    /** Glorot-uniform layers for these widths, drawn in layer order from the seed's {@code stream}. */
    public static MlpWeights glorot(List<String> names, int[] widths, long seed, String stream) {
        return initial(names, widths, seed, stream, Init.GLOROT);
    }

    /** Layers for these widths by {@code init}, drawn in layer order from the seed's {@code stream}. */
    public static MlpWeights initial(List<String> names, int[] widths, long seed, String stream, Init init) {
        Random rng = Seeds.random(seed, stream);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) layers.add(init.layer(rng, widths[i], widths[i + 1]));
        return new MlpWeights(names, layers);
    }

    /** The layers by name, in order (for weight files). */
    public Map<String, Layer> layersByName() {
        Map<String, Layer> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) out.put(names.get(i), layers.get(i));
        return out;
    }

    public int[] widths() {
        int[] w = new int[layers.size() + 1];
        w[0] = layers.get(0).in();
        for (int i = 0; i < layers.size(); i++) w[i + 1] = layers.get(i).out();
        return w;
    }

    /** As named arrays ({@code name.w}, {@code name.b}) for weight files and exports. */
    public Map<String, float[]> arrays() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            out.put(names.get(i) + ".w", layers.get(i).w());
            out.put(names.get(i) + ".b", layers.get(i).b());
        }
        return out;
    }

    /** Back from named arrays, with these layer widths; a missing or wrongly sized array is an error. */
    public static MlpWeights fromArrays(List<String> names, int[] widths, Map<String, float[]> arrays) {
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            float[] w = arrays.get(names.get(i) + ".w"), b = arrays.get(names.get(i) + ".b");
            if (w == null || b == null) throw new IllegalArgumentException("no weights for layer " + names.get(i));
            layers.add(new Layer(widths[i], widths[i + 1], w, b));
        }
        return new MlpWeights(names, layers);
    }

    public MlpWeights copy() {
        return new MlpWeights(names, layers.stream().map(Layer::copy).toList());
    }
}
