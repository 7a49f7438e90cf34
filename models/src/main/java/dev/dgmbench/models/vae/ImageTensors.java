package dev.dgmbench.models.vae;

import dev.dgmbench.models.data.ImageDataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A dataset as the two arrays the graphs read: inputs scaled to [0,1], and one-hot targets [n, D*K]. */
public record ImageTensors(INDArray inputs, INDArray oneHot, int size) {

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
        return new ImageTensors(Nd4j.create(x, new long[]{n, dim}, 'c'), Nd4j.create(t, new long[]{n, (long) dim * k}, 'c'), n);
    }
}
