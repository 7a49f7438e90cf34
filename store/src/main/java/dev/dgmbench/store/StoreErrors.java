package dev.dgmbench.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns driver and server errors into messages that name the store and never its password. */
final class StoreErrors {
    private StoreErrors() {
    }

    /** Opening a connection failed: say whether it was the network, the login or the database name. */
    static StoreException connect(StoreConfig config, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        Throwable root = root(e);
        String driver = String.valueOf(e.getMessage());
        String user = config.user() == null ? "(user from the URL)" : "\"" + config.user() + "\"";
        StoreException.Kind kind;
        String what;
        if (state.equals("28P01") || state.equals("28000")) {
            kind = StoreException.Kind.AUTHENTICATION;
            what = "authentication failed: the server rejected user " + user
                    + (config.hasPassword() ? " with the password given" : " (no password was given)")
                    + "; check " + StoreConfig.ENV_USER + " and " + StoreConfig.ENV_PASSWORD + " / "
                    + StoreConfig.ENV_PASSWORD_FILE + " / the credentials file";
        } else if (driver.contains("no password was provided")) {
            kind = StoreException.Kind.AUTHENTICATION;
            what = "authentication failed: the server wants a password for user " + user + " and none was given; set "
                    + StoreConfig.ENV_PASSWORD + " or " + StoreConfig.ENV_PASSWORD_FILE + " (or use a credentials file)";
        } else if (state.equals("3D000")) {
            kind = StoreException.Kind.UNKNOWN_DATABASE;
            what = "unknown database: there is no database \"" + config.database() + "\" on " + config.host() + ":"
                    + config.port() + " (create it as docs/store.md shows, or fix the URL)";
        } else if (root instanceof ConnectException || root instanceof NoRouteToHostException) {
            kind = StoreException.Kind.CONNECTION_REFUSED;
            what = "connection refused: nothing accepts connections at " + config.host() + ":" + config.port()
                    + " (is the server running and listening on that address, and is the port right?)";
        } else if (root instanceof UnknownHostException) {
            kind = StoreException.Kind.UNKNOWN_HOST;
            what = "unknown host: \"" + config.host() + "\" does not resolve";
        } else if (root instanceof SocketTimeoutException) {
            kind = StoreException.Kind.TIMEOUT;
            what = "the server at " + config.host() + ":" + config.port() + " did not answer in time (firewall?)";
        } else if (state.equals("42501")) {
            kind = StoreException.Kind.PERMISSION_DENIED;
            what = "permission denied for user " + user;
        } else {
            kind = StoreException.Kind.FAILED;
            what = "connection failed";
        }
        String message = "cannot open the dgmbench store at " + config.where() + " (user " + user + "): " + what
                + " [" + (state.isEmpty() ? "" : "SQLSTATE " + state + ": ") + driver + "]";
        return make(config, kind, message, e);
    }

    /** A statement failed while doing {@code action}. */
    static StoreException failure(StoreConfig config, SQLException e, String action) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        StoreException.Kind kind = switch (state) {
            case "42501" -> StoreException.Kind.PERMISSION_DENIED;
            case "42P01", "42703" -> StoreException.Kind.SCHEMA;
            default -> state.startsWith("08") ? StoreException.Kind.CONNECTION_REFUSED : StoreException.Kind.FAILED;
        };
        String message = "dgmbench store at " + config.where() + " (schema " + config.schema() + "): " + action
                + " failed [" + (state.isEmpty() ? "" : "SQLSTATE " + state + ": ") + e.getMessage() + "]";
        return make(config, kind, message, e);
    }

    /** The message is redacted; the cause is kept only when none of its messages contains the password. */
    static StoreException make(StoreConfig config, StoreException.Kind kind, String message, Throwable cause) {
        return new StoreException(kind, config.redact(message), leaksPassword(config, cause) ? null : cause);
    }

    private static boolean leaksPassword(StoreConfig config, Throwable t) {
        String pw = config.password();
        if (pw == null) return false;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (String.valueOf(c.getMessage()).contains(pw) || String.valueOf(c).contains(pw)) return true;
            for (Throwable s : c.getSuppressed()) if (leaksPassword(config, s)) return true;
            if (c instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != c.getCause()
                    && String.valueOf(sql.getNextException().getMessage()).contains(pw)) return true;
        }
        return false;
    }

    private static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) r = r.getCause();
        return r;
    }
}
