package dev.dgmbench.engine.nd4j;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;


/**
 * One epoch of minibatch training of a SameDiff graph whose TrainingConfig maps {@code features} and
 * {@code labels} in order: rows are shuffled together with a seeded permutation, then fed in batches.
 */
final class MinibatchEpoch {
    private MinibatchEpoch() {
    }

    /** The same, with the row order given. */
    static void run(SameDiff sd, INDArray[] features, INDArray[] labels, int batchSize, int[] order) {
        int n = (int) features[0].rows();
        INDArray[] f = pull(features, order), l = pull(labels, order);
        boolean first = sd.getUpdaterMap() == null || sd.getUpdaterMap().isEmpty();
        for (int from = 0; from < n; from += batchSize) {
            MultiDataSet batch = new MultiDataSet(rows(f, from, Math.min(n, from + batchSize)), rows(l, from, Math.min(n, from + batchSize)));
            if (first) {
                QuietStdout.call(() -> sd.fit(batch)); // the first fit builds the backward graph, which prints per op
                first = false;
            } else {
                sd.fit(batch);
            }
        }
    }

    private static INDArray[] pull(INDArray[] arrays, int[] order) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) out[i] = Nd4j.pullRows(arrays[i], 1, order);
        return out;
    }

    private static INDArray[] rows(INDArray[] arrays, int from, int to) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) out[i] = arrays[i].get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
        return out;
    }
}
