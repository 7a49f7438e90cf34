package dev.dgmbench.models.nn;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code <layer>.w} / {@code <layer>.b} arrays of a graph's dense layers: live views, copies, restores. */
public final class LayerWeights {
    private LayerWeights() {
    }

    /** The live arrays by name, in layer order (changing them changes the graph). */
    public static Map<String, INDArray> live(SameDiff sd, Iterable<String> layers) {
        Map<String, INDArray> w = new LinkedHashMap<>();
        for (String layer : layers) {
            w.put(layer + ".w", sd.getArrForVarName(layer + ".w"));
            w.put(layer + ".b", sd.getArrForVarName(layer + ".b"));
        }
        return w;
    }

    /** Copies, e.g. to keep the best epoch's weights. */
    public static Map<String, INDArray> copy(Map<String, INDArray> live) {
        Map<String, INDArray> s = new LinkedHashMap<>();
        live.forEach((k, v) -> s.put(k, v.dup()));
        return s;
    }

    /** Writes values into the live arrays in place; every name and shape must match. */
    public static void assign(Map<String, INDArray> live, Map<String, INDArray> values) {
        for (Map.Entry<String, INDArray> e : live.entrySet()) {
            INDArray v = values.get(e.getKey());
            if (v == null) throw new IllegalArgumentException("weights lack " + e.getKey());
            if (!java.util.Arrays.equals(v.shape(), e.getValue().shape())) {
                throw new IllegalArgumentException(e.getKey() + " has shape " + java.util.Arrays.toString(v.shape())
                        + ", the model needs " + java.util.Arrays.toString(e.getValue().shape()));
            }
            e.getValue().assign(v);
        }
    }
}
