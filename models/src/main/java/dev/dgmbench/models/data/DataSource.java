package dev.dgmbench.models.data;

import java.nio.file.Path;

/**
 * Where a study's images come from, as plain data: the embedded {@code digits} set, or IDX files.
 * For IDX, train and validation come from the train files and test from the test files when given
 * (else all three from the train files, consecutively).
 *
 * @param name    {@code digits} or {@code idx}
 * @param levels  grey levels after quantisation (digits keep 17 unless asked otherwise)
 */
public record DataSource(String name, Path trainImages, Path trainLabels, Path testImages, Path testLabels,
                         int levels, int train, int validation, int test) {

    public static final String DIGITS = "digits", IDX = "idx";

    public static DataSource digits() {
        return new DataSource(DIGITS, null, null, null, null, DigitsDataset.LEVELS, DigitsDataset.TRAIN,
                DigitsDataset.VALIDATION, DigitsDataset.TEST);
    }

    public Splits load() {
        switch (name) {
            case DIGITS -> {
                ImageDataset d = Quantizer.requantize(DigitsDataset.load(), levels);
                return Splits.consecutive(d, train, validation, test);
            }
            case IDX -> {
                ImageDataset trainSet = IdxReader.read("idx", trainImages, trainLabels, levels);
                if (testImages == null) return Splits.consecutive(trainSet, train, validation, test);
                ImageDataset testSet = IdxReader.read("idx-test", testImages, testLabels, levels);
                if (train + validation > trainSet.size()) {
                    throw new DatasetException(trainImages.toString(), "split needs " + (train + validation)
                            + " training and validation images but the file has " + trainSet.size());
                }
                if (test > testSet.size()) {
                    throw new DatasetException(testImages.toString(), "split needs " + test + " test images but the file has " + testSet.size());
                }
                return new Splits(trainSet.slice("idx:train", 0, train),
                        trainSet.slice("idx:validation", train, train + validation),
                        testSet.slice("idx:test", 0, test));
            }
            default -> throw new DatasetException("dataset '" + name + "'", "unknown dataset name; allowed: digits, idx");
        }
    }
}
