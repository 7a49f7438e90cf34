package dev.dgmbench.store;

import dev.dgmbench.results.BadInputException;

/**
 * A store operation that failed. The message names the store (host, port, database; never the password) and
 * says what failed; {@link #kind()} tells it to programs (exit codes, retries). It is bad input (exit 2): the
 * store's URL, credentials, schema, or the spec and commit asked for are the user's settings.
 */
public class StoreException extends BadInputException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** No URL, unreadable credentials file, malformed URL or schema name. */
        CONFIG,
        /** Nothing listens at host:port (connection refused). */
        CONNECTION_REFUSED,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** The server did not answer in time. */
        TIMEOUT,
        /** The server rejected the user or password (or no password was given). */
        AUTHENTICATION,
        /** The database named in the URL does not exist on the server. */
        UNKNOWN_DATABASE,
        /** The user lacks a privilege (e.g. to create the schema). */
        PERMISSION_DENIED,
        /** The schema is newer than or inconsistent with this build's migrations. */
        SCHEMA,
        /** No stored study or run set matches the request. */
        NOT_FOUND,
        /** The request matches several stored run sets and does not say which. */
        AMBIGUOUS,
        /** The stored data does not check (digest mismatch). */
        CORRUPT,
        /** Anything else: the message carries the server's words. */
        FAILED
    }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
