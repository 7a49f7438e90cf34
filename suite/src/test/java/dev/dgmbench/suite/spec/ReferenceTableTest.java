package dev.dgmbench.suite.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ReferenceTableTest {
    static final Map<String, List<Object>> GRID = new LinkedHashMap<>();

    static {
        GRID.put("model.beta", List.of(0.2, 1.0));
        GRID.put("model.latent", List.of(50, 100));
    }

    @Test
    void perRunRowsGroupIntoCellsInFileOrder() {
        ReferenceTable t = ReferenceTable.parse("""
                # made by hand
                model.beta,model.latent,seed,metric,value
                0.2,50,1,nll,100.5
                1.0,50,1,nll,94.0
                0.2,50,2,nll,101.5

                0.2,50,1,kl,20
                """, "ref.csv", GRID);
        assertEquals(3, t.cells().size());
        ReferenceTable.Cell first = t.cells().get(0);
        assertEquals("model.beta=0.2, model.latent=50", first.label());
        assertEquals("nll", first.metric());
        assertEquals(List.of(100.5, 101.5), first.values());
        assertEquals(List.of(1L, 2L), first.seeds());
        assertEquals(3, first.line());
        assertTrue(first.perRun());
    }

    @Test
    void summaryRowsAreOneCellEach() {
        ReferenceTable t = ReferenceTable.parse("model.beta,metric,mean,sd,n\n1,nll,94.5,0.7,5\n", "s.csv", GRID);
        ReferenceTable.Cell c = t.cells().get(0);
        assertFalse(c.perRun());
        assertEquals(94.5, c.mean());
        assertEquals(0.7, c.sd());
        assertEquals(5, c.n());
        assertEquals("1", c.coordinates().get("model.beta"), "1 matches the grid's 1.0 numerically");
    }

    static String problems(String csv) {
        SpecException e = assertThrows(SpecException.class, () -> ReferenceTable.parse(csv, "bad.csv", GRID));
        return e.getMessage();
    }

    @Test
    void eachProblemNamesFileLineAndWhatIsAllowed() {
        String head = "model.beta,model.latent,seed,metric,value\n";
        assertTrue(problems(head + "0.2,50,1,nll\n").contains("bad.csv:2: reference.file: 4 columns, the header has 5"));
        assertTrue(problems(head + "0.2,50,1,nll,abc\n").contains("bad.csv:2: reference.file: value 'abc' is not a finite number"));
        assertTrue(problems(head + "0.2,50,1,nll,1\n0.2,50,x,nll,1\n").contains("bad.csv:3: reference.file: seed 'x' is not an integer >= 0"));
        assertTrue(problems(head + "0.2,50,1,nlll,1\n").contains("bad.csv:2: reference.file: unknown model metric 'nlll'"));
        assertTrue(problems(head + "0.3,50,1,nll,1\n").contains("bad.csv:2: reference.file: model.beta 0.3 is not in the spec's grid"));
        assertTrue(problems(head + "0.2,50,1,nll,1\n0.2,50,1,nll,2\n").contains("bad.csv:3: reference.file: a second row for nll, seed 1"));
        assertTrue(problems("# c\nmodel.hidden,seed,metric,value\n").contains("bad.csv:2: reference.file: column 'model.hidden' is not a grid key"));
        assertTrue(problems("model.beta,seed,metric\n").contains("bad.csv:1: reference.file: the header has no column 'mean'"));
        assertTrue(problems("model.beta,metric,mean,sd,n\n0.2,nll,1,-1,3\n").contains("bad.csv:2: reference.file: sd -1 is negative"));
        assertTrue(problems(head).contains("bad.csv:1: reference.file: no data rows"));
    }
}
