package dev.dgmbench.results;

import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is shown or logged: the password of a URL's user information
 * ({@code scheme://user:secret@host}, whatever the scheme, so a mistyped {@code jdbc:postgresq://} is covered too)
 * and {@code password=} parameters. Every message of the command line goes through it.
 */
public final class Credentials {
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(?i)([a-z][a-z0-9+.-]*://[^/@:?#\\s]*):[^/@?#\\s]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][^=&;?\\s]*password=)[^&;\\s]*");

    private Credentials() {
    }

    /** {@code text} with every URL password and password parameter replaced by {@code ***}; null stays null. */
    public static String redact(String text) {
        if (text == null) return null;
        String out = PASSWORD_PARAM.matcher(text).replaceAll("$1***");
        return USERINFO_PASSWORD.matcher(out).replaceAll("$1:***@");
    }
}
