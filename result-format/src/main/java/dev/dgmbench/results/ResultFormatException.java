package dev.dgmbench.results;

import java.nio.file.Path;

/** A result folder or file that cannot be read as this format; the message names the file. */
public class ResultFormatException extends BadInputException {
    public ResultFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }

    public ResultFormatException(Path file, String problem) {
        this(file, problem, null);
    }
}
