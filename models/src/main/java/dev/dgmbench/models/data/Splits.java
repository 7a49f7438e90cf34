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

    /** Digits default: {@link DigitsDataset#TRAIN} / {@link DigitsDataset#VALIDATION} / {@link DigitsDataset#TEST}. */
    public static Splits digitsDefault(ImageDataset digits) {
        return consecutive(digits, DigitsDataset.TRAIN, DigitsDataset.VALIDATION, DigitsDataset.TEST);
    }

    /**
     * The dataset's declared class count: size a classifier with this, not with the largest training label, so a
     * class that only the validation or test part holds still has an output.
     */
    public int classes() {
        return train.classes();
    }
}
