package dev.dgmbench.models.data;

import dev.dgmbench.results.BadInputException;

/** A data file or dataset request that cannot be served; the message names the file (or name) and the problem. */
public class DatasetException extends BadInputException {
    public DatasetException(String source, String problem) {
        super(source + ": " + problem);
    }

    public DatasetException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
