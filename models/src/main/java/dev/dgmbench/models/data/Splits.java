package dev.dgmbench.models.data;

/** Train, validation and test parts of one dataset, taken as fixed index ranges (deterministic, no shuffling). */
public record Splits(ImageDataset train, ImageDataset validation, ImageDataset test) {

    /** Consecutive ranges: {@code [0,train)}, {@code [train,train+validation)}, then {@code test} more images. */
    public static Splits consecutive(ImageDataset all, int train, int validation, int test) {
        int need = train + validation + test;
        if (need > all.size()) {
            throw new DatasetException(all.name(), "split " + train + "/" + validation + "/" + test + " needs " + need
                    + " images but the dataset has " + all.size());
        }
        return new Splits(all.slice(all.name() + ":train", 0, train),
                all.slice(all.name() + ":validation", train, train + validation),
                all.slice(all.name() + ":test", train + validation, need));
    }

    /** Digits default: [0,1000) train, [1000,1350) validation, [1350,1797) test. */
    public static Splits digitsDefault(ImageDataset digits) {
        return consecutive(digits, 1000, 350, 447);
    }
}
