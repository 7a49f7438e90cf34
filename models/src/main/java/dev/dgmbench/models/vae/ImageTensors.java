package dev.dgmbench.models.vae;

import dev.dgmbench.models.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A dataset as the arrays the graphs read: inputs scaled to [0,1] and one-hot targets [n, D*K], plus the grey
 * levels themselves (row-major) for estimators that pick a pixel's probability by index instead of by product.
 */
public record ImageTensors(INDArray inputs, INDArray oneHot, int[][] levels, int size) {

    public static ImageTensors of(ImageDataset d) {
        int n = d.size(), dim = d.pixelsPerImage(), k = d.levels();
        float[] x = new float[n * dim];
        float[] t = new float[n * dim * k];
        for (int i = 0; i < n; i++) {
            int[] img = d.image(i);
            for (int j = 0; j < dim; j++) {
                x[i * dim + j] = img[j] / (float) (k - 1);
                t[(i * dim + j) * k + img[j]] = 1f;
            }
        }
        return new ImageTensors(Nd4j.create(x, new long[]{n, dim}, 'c'), Nd4j.create(t, new long[]{n, (long) dim * k}, 'c'),
                d.images(), n);
    }

    /** The first n images. */
    public ImageTensors head(int n) {
        int m = Math.min(n, size);
        int[][] l = new int[m][];
        System.arraycopy(levels, 0, l, 0, m);
        return new ImageTensors(inputs.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()).dup('c'),
                oneHot.get(NDArrayIndex.interval(0, m), NDArrayIndex.all()).dup('c'), l, m);
    }
}
