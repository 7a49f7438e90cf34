package dev.dgmbench.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Passwords never reach a message, whatever the URL's scheme (a mistyped one included) or where the password sits. */
class CredentialsTest {
    @Test
    void passwordsOfAnySchemeAndPasswordParametersAreRedacted() {
        assertEquals("not a PostgreSQL JDBC URL: jdbc:postgresq://bob:***@db:5432/r",
                Credentials.redact("not a PostgreSQL JDBC URL: jdbc:postgresq://bob:pa55@db:5432/r"));
        assertEquals("postgres://u:***@h/db and mysql://a:***@b", Credentials.redact("postgres://u:x:y@h/db and mysql://a:b@b"));
        assertEquals("jdbc:postgresql://h/db?user=u&password=***&ssl=true",
                Credentials.redact("jdbc:postgresql://h/db?user=u&password=s3cr3t&ssl=true"));
        assertEquals("jdbc:postgresql://h/db;PASSWORD=***", Credentials.redact("jdbc:postgresql://h/db;PASSWORD=s3cr3t"));
    }

    @Test
    void textWithoutCredentialsIsUnchanged() {
        String plain = "runs/beta=0.2_seed=1/run.json: status: missing; see https://example.org/a@b and user@host";
        assertEquals(plain, Credentials.redact(plain));
        assertEquals("jdbc:postgresql://bob@db/r", Credentials.redact("jdbc:postgresql://bob@db/r"));
        assertNull(Credentials.redact(null));
    }
}
