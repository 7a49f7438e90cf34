package dev.dgmbench.results;

/**
 * Something the user gave is wrong: a spec, a data file, a result folder, a command-line option, store settings.
 * The message names the file (or option), the field and what is allowed; the CLI prints it and exits 2. Every
 * other exception is an internal error (exit 3). Subclasses say which kind of input was wrong.
 */
public class BadInputException extends RuntimeException {
    public static final int EXIT_CODE = 2;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
