package dev.dgmbench.store;

import dev.dgmbench.results.CanonicalJson;
import dev.dgmbench.results.ClaimResult;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claim table's correction columns (migration V2): written by a push, and filled from the stored result for
 * claims pushed under schema version 1.
 */
class ClaimColumnsTest extends FreshSchemaTest {
    private static final String COLUMNS = "SELECT claim_id, correction, family, p_adjusted, p_opposite,"
            + " p_opposite_adjusted, warnings FROM claim ORDER BY ordinal";

    @Test
    void aPushWritesTheCorrectionAndWarningsOfEachClaim() throws Exception {
        config = TestPostgres.freshSchema("claimcols");
        ResultsStore store = ResultsStore.open(config);
        store.push(Synthetic.study(tmp.resolve("s"), "vae-beta", 4, "c0ffee0000000000000000000000000000000001", "cpu"));
        assertEquals("2", store.schemaVersion());
        assertRows(Synthetic.claims());
    }

    @Test
    void claimsPushedUnderVersionOneAreFilledInByTheMigration() throws Exception {
        config = TestPostgres.freshSchema("claimmig");
        Flyway.configure(getClass().getClassLoader()).dataSource(config.url(), config.user(), config.password())
                .schemas(config.schema()).locations("classpath:db/migration").target("1").load().migrate();
        List<ClaimResult> claims = Synthetic.claims();
        try (Connection c = TestPostgres.connect(config); Statement s = c.createStatement()) {
            s.execute("INSERT INTO study (spec_digest, name, info) VALUES ('d', 'vae-beta', '{}')");
            s.execute("INSERT INTO push (id, spec_digest, study, pushed_from, suite_commit, backend, build, n_runs, n_ok)"
                    + " VALUES (1, 'd', 'vae-beta', 'h', 'c', 'cpu', 'b', 0, 0)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO claim (push_id, ordinal, claim_id, verdict,"
                    + " p_value, result) VALUES (1, ?, ?, ?, ?, ?::json)")) {
                for (int i = 0; i < claims.size(); i++) {
                    ps.setInt(1, i);
                    ps.setString(2, claims.get(i).id());
                    ps.setString(3, claims.get(i).verdict().name());
                    ps.setDouble(4, claims.get(i).pValue());
                    ps.setString(5, CanonicalJson.canonical(claims.get(i)));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        assertEquals("2", ResultsStore.open(config).schemaVersion());
        assertRows(claims);
    }

    private void assertRows(List<ClaimResult> claims) throws Exception {
        try (Connection c = TestPostgres.connect(config); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(COLUMNS)) {
            for (ClaimResult cr : claims) {
                assertTrue(rs.next(), "a row for " + cr.id());
                assertEquals(cr.id(), rs.getString(1));
                assertEquals(cr.correction(), rs.getString(2));
                assertEquals(cr.family(), rs.getInt(3));
                assertEquals(cr.pAdjusted(), rs.getDouble(4), 0);
                assertEquals(cr.pOpposite(), rs.getDouble(5), 0);
                assertEquals(cr.pOppositeAdjusted(), rs.getDouble(6), 0);
                assertArrayEquals(cr.warnings().toArray(), (Object[]) rs.getArray(7).getArray());
            }
            assertTrue(!rs.next(), "one row per claim");
        }
        // the second claim: Holm over 2, its warning; the first: a claim of before the correction
        assertEquals("holm", claims.get(1).correction());
        assertEquals("none", claims.get(0).correction());
    }
}
