package dev.dgmbench.models.data;

/** A data file or dataset request that cannot be served; the message names the file (or name) and the problem. */
public class DatasetException extends RuntimeException {
    public DatasetException(String source, String problem) {
        super(source + ": " + problem);
    }

    public DatasetException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
    }
}
