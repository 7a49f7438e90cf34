package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Layer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code <layer>.w} / {@code <layer>.b} variables of a graph's dense layers, to and from the canonical
 * {@link Layer} form and flat snapshots (w then b per layer, in layer order).
 */
final class LayerWeights {
    private LayerWeights() {
    }

    /** A float matrix from a row-major heap array. */
    static INDArray matrix(float[] v, int rows, int cols) {
        return Nd4j.create(v.clone(), new long[]{rows, cols}, 'c');
    }

    static float[] values(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    static Map<String, Layer> layers(SameDiff sd, List<String> names) {
        Map<String, Layer> out = new LinkedHashMap<>();
        for (String n : names) {
            INDArray w = sd.getArrForVarName(n + ".w");
            out.put(n, new Layer((int) w.rows(), (int) w.columns(), values(w), values(sd.getArrForVarName(n + ".b"))));
        }
        return out;
    }

    static float[] snapshot(SameDiff sd, List<String> names) {
        int size = 0;
        for (String n : names) size += (int) (sd.getArrForVarName(n + ".w").length() + sd.getArrForVarName(n + ".b").length());
        float[] out = new float[size];
        int at = 0;
        for (String n : names) {
            for (String part : new String[]{".w", ".b"}) {
                float[] v = values(sd.getArrForVarName(n + part));
                System.arraycopy(v, 0, out, at, v.length);
                at += v.length;
            }
        }
        return out;
    }

    /** Writes a snapshot back into the live arrays in place, so every graph sharing them sees it. */
    static void restore(SameDiff sd, List<String> names, float[] snapshot) {
        int at = 0;
        for (String n : names) {
            for (String part : new String[]{".w", ".b"}) {
                INDArray a = sd.getArrForVarName(n + part);
                int len = (int) a.length();
                a.assign(Nd4j.create(java.util.Arrays.copyOfRange(snapshot, at, at + len), a.shape(), 'c'));
                at += len;
            }
        }
    }
}
