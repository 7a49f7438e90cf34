package dev.dgmbench.store;

import java.io.IOException;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the team store is and who logs in. The URL comes from the command line or {@code DGMBENCH_STORE_URL}, else
 * the credentials file, else libpq's {@code PGHOST}/{@code PGPORT}/{@code PGDATABASE}; the user and password only
 * from the environment or a credentials file, never from a spec ({@code PGUSER} and {@code PGPASSWORD} come after
 * the suite's own variables and the file):
 * <ul>
 *   <li>user: {@code DGMBENCH_STORE_USER}, else {@code user} of the credentials file, else the URL's
 *       {@code user} parameter, else the operating-system user (as psql does);</li>
 *   <li>password: {@code DGMBENCH_STORE_PASSWORD}, else the first line of the file named by
 *       {@code DGMBENCH_STORE_PASSWORD_FILE}, else {@code password} of the credentials file, else none (the
 *       driver then tries {@code ~/.pgpass});</li>
 *   <li>credentials file: a properties file ({@code user=}, {@code password=}, optionally {@code url=} and
 *       {@code schema=}) given on the command line or by {@code DGMBENCH_STORE_CREDENTIALS};</li>
 *   <li>schema: {@code DGMBENCH_STORE_SCHEMA}, else {@code schema} of the credentials file, else {@code dgmbench}.</li>
 * </ul>
 * {@link #toString()}, {@link #displayUrl()} and every message built by the store leave the password out,
 * also when it was written into the URL ({@code password=...} or {@code user:password@host}).
 */
public final class StoreConfig {
    public static final String ENV_URL = "DGMBENCH_STORE_URL", ENV_USER = "DGMBENCH_STORE_USER",
            ENV_PASSWORD = "DGMBENCH_STORE_PASSWORD", ENV_PASSWORD_FILE = "DGMBENCH_STORE_PASSWORD_FILE",
            ENV_CREDENTIALS = "DGMBENCH_STORE_CREDENTIALS", ENV_SCHEMA = "DGMBENCH_STORE_SCHEMA";
    /** libpq's variables, read after the suite's own (as psql, pg_dump and the PostgreSQL images use them). */
    public static final String PG_HOST = "PGHOST", PG_PORT = "PGPORT", PG_DATABASE = "PGDATABASE", PG_USER = "PGUSER",
            PG_PASSWORD = "PGPASSWORD";
    public static final String DEFAULT_SCHEMA = "dgmbench";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Pattern USERINFO = Pattern.compile("^(jdbc:postgresql://)([^/@?]*)@");

    private final String url;
    private final String user;
    private final String password;
    private final String schema;
    private final String host, port, database;

    private StoreConfig(String url, String user, String password, String schema) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.schema = schema;
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            throw new StoreException(StoreException.Kind.CONFIG, "not a PostgreSQL JDBC URL: " + redact(url, password)
                    + " (expected jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        this.host = parsed.getProperty("PGHOST", "localhost");
        this.port = parsed.getProperty("PGPORT", "5432");
        this.database = parsed.getProperty("PGDBNAME", "");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new StoreException(StoreException.Kind.CONFIG, "schema name '" + schema
                    + "' is not a plain lower-case identifier ([a-z_][a-z0-9_]*)");
        }
    }

    /** A store given outright (tests, embedding). {@code password} may be null. */
    public static StoreConfig of(String url, String user, String password) {
        return build(url, user, password, DEFAULT_SCHEMA);
    }

    /** Resolves the store from the command line and the process environment (see the class comment). */
    public static StoreConfig resolve(String urlOption, Path credentialsFile) {
        return resolve(urlOption, credentialsFile, System.getenv());
    }

    /** As {@link #resolve(String, Path)}, with the environment given (for tests). */
    public static StoreConfig resolve(String urlOption, Path credentialsFile, Map<String, String> env) {
        Properties file = new Properties();
        Path credentials = credentialsFile != null ? credentialsFile
                : blank(env.get(ENV_CREDENTIALS)) ? null : Path.of(env.get(ENV_CREDENTIALS));
        if (credentials != null) {
            try (Reader r = Files.newBufferedReader(credentials, StandardCharsets.UTF_8)) {
                file.load(r);
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.CONFIG, "cannot read the store credentials file "
                        + credentials + ": " + e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }
        String url = firstSet(urlOption, env.get(ENV_URL), file.getProperty("url"), libpqUrl(env));
        if (url == null) {
            throw new StoreException(StoreException.Kind.CONFIG, "no store given: pass the store's JDBC URL (e.g. "
                    + "jdbc:postgresql://HOST:5432/dgmbench) on the command line, set " + ENV_URL + ", or set "
                    + PG_HOST + " and " + PG_DATABASE + " (with " + PG_PORT + ", " + PG_USER + ", " + PG_PASSWORD + ") as for psql");
        }
        String user = firstSet(env.get(ENV_USER), file.getProperty("user"), env.get(PG_USER));
        String password = env.get(ENV_PASSWORD);
        if (blank(password) && !blank(env.get(ENV_PASSWORD_FILE))) {
            Path pw = Path.of(env.get(ENV_PASSWORD_FILE));
            try {
                String text = Files.readString(pw, StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                password = (nl >= 0 ? text.substring(0, nl) : text).strip();
            } catch (IOException e) {
                throw new StoreException(StoreException.Kind.CONFIG, "cannot read the password file " + pw
                        + " (" + ENV_PASSWORD_FILE + "): " + e.getClass().getSimpleName());
            }
        }
        if (blank(password)) password = blank(file.getProperty("password")) ? null : file.getProperty("password");
        if (blank(password)) password = blank(env.get(PG_PASSWORD)) ? null : env.get(PG_PASSWORD);
        String schema = firstSet(env.get(ENV_SCHEMA), file.getProperty("schema"), DEFAULT_SCHEMA);
        return build(url.strip(), user, password, schema.strip());
    }

    /**
     * A JDBC URL from {@code PGHOST}, {@code PGPORT} and {@code PGDATABASE}, or null without {@code PGHOST}; libpq's
     * defaults fill the gaps (port 5432; database named as the user, else {@value #DEFAULT_SCHEMA}).
     */
    static String libpqUrl(Map<String, String> env) {
        String host = env.get(PG_HOST);
        if (blank(host)) return null;
        String port = blank(env.get(PG_PORT)) ? "5432" : env.get(PG_PORT).strip();
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new StoreException(StoreException.Kind.CONFIG, PG_PORT + "=" + port + " is not a port number;"
                    + " allowed: 1 to 65535 (or leave " + PG_PORT + " unset for 5432)");
        }
        String db = firstSet(env.get(PG_DATABASE), env.get(PG_USER), DEFAULT_SCHEMA);
        // A socket directory (PGHOST=/var/run/postgresql) has no JDBC form: the driver needs TCP.
        if (host.strip().startsWith("/")) {
            throw new StoreException(StoreException.Kind.CONFIG, PG_HOST + "=" + host + " is a socket directory; the JDBC "
                    + "driver connects over TCP: set " + PG_HOST + " to a host name (e.g. localhost) or " + ENV_URL);
        }
        return "jdbc:postgresql://" + host.strip() + ":" + port + "/" + db.strip();
    }

    private static StoreConfig build(String url, String user, String password, String schema) {
        Objects.requireNonNull(url, "url");
        // Accept libpq-style URLs too: postgresql://user:pw@host:port/db
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            url = "jdbc:postgresql://" + url.substring(url.indexOf("://") + 3);
        }
        Matcher m = USERINFO.matcher(url);
        if (m.find()) { // the JDBC driver does not read user:password@ itself
            String info = m.group(2);
            int colon = info.indexOf(':');
            String u = decode(colon >= 0 ? info.substring(0, colon) : info);
            String p = colon >= 0 ? decode(info.substring(colon + 1)) : null;
            if (blank(user)) user = u;
            if (blank(password)) password = p;
            url = m.group(1) + url.substring(m.end());
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StoreException(StoreException.Kind.CONFIG, "not a PostgreSQL JDBC URL: " + redact(url, password)
                    + " (expected jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        if (blank(user)) {
            Properties p = org.postgresql.Driver.parseURL(url, new Properties());
            user = p != null && !blank(p.getProperty("user")) ? null : System.getProperty("user.name");
        }
        return new StoreConfig(url, user, blank(password) ? null : password, schema);
    }

    /** The same store, another schema (tests give each class a schema of its own). */
    public StoreConfig withSchema(String schema) {
        return new StoreConfig(url, user, password, schema);
    }

    /** The JDBC URL with any password in it replaced by {@code ***}. */
    public String displayUrl() {
        return redact(url, password);
    }

    /** {@code host:port/database}, as error messages name the store. */
    public String where() {
        return host + ":" + port + "/" + database;
    }

    public String host() {
        return host;
    }

    public String port() {
        return port;
    }

    public String database() {
        return database;
    }

    /** The login user, or null when the URL's {@code user} parameter gives it. */
    public String user() {
        return user;
    }

    public String schema() {
        return schema;
    }

    public boolean hasPassword() {
        return password != null;
    }

    String url() {
        return url;
    }

    String password() {
        return password;
    }

    /** {@code text} without this store's password, for messages built from driver or server text. */
    public String redact(String text) {
        return redact(text, password);
    }

    static String redact(String text, String password) {
        if (text == null) return null;
        String out = dev.dgmbench.results.Credentials.redact(text);
        if (password != null && password.length() >= 3) out = out.replace(password, "***");
        return out;
    }

    @Override
    public String toString() {
        return "dgmbench store " + displayUrl() + " (user " + (user == null ? "from URL" : user) + ", schema " + schema
                + (password == null ? ", no password" : ", password set") + ")";
    }

    private static String firstSet(String... values) {
        for (String v : values) if (!blank(v)) return v;
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
