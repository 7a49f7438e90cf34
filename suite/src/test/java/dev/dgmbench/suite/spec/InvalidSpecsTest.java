package dev.dgmbench.suite.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every file in src/test/resources/specs-invalid gives exactly the errors its header comments list. */
class InvalidSpecsTest {

    record Expected(int line, String field, List<String> fragments) {
    }

    static Path folder() throws URISyntaxException {
        return Path.of(InvalidSpecsTest.class.getResource("/specs-invalid").toURI());
    }

    static Stream<Path> files() throws IOException, URISyntaxException {
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static List<Expected> expectations(Path file) throws IOException {
        List<Expected> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("# error: ")) continue;
            String[] parts = line.substring("# error: ".length()).split(" \\| ");
            String[] head = parts[0].trim().split(" ", 2);
            List<String> fragments = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) fragments.add(parts[i].trim());
            out.add(new Expected(Integer.parseInt(head[0]), head.length > 1 ? head[1].trim() : "", fragments));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void invalidSpecListsItsErrors(Path file) throws IOException {
        List<Expected> expected = expectations(file);
        assertTrue(!expected.isEmpty(), "no '# error:' header in " + file);
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(file));
        String name = file.getFileName().toString();
        String all = e.getMessage();
        assertEquals(expected.size(), e.errors().size(), "errors of " + name + ":\n" + all);
        for (Expected x : expected) {
            boolean found = e.errors().stream().anyMatch(err -> err.file().endsWith(name) && err.line() == x.line()
                    && err.field().equals(x.field()) && x.fragments().stream().allMatch(err.problem()::contains));
            assertTrue(found, name + ": expected line " + x.line() + " field '" + x.field() + "' with " + x.fragments()
                    + ", got:\n" + all);
            // the message shows file:line: field: problem
            assertTrue(all.contains(name + ":" + x.line() + ": "), all);
        }
        if (expected.size() > 1) assertTrue(all.startsWith(expected.size() + " problems in "), all);
        assertEquals(2, SpecException.EXIT_CODE);
    }

    @Test
    void exampleMessageHasTheDocumentedForm() throws Exception {
        Path f = folder().resolve("beta-negative.yaml");
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(f));
        assertEquals(f + ":4: model.beta: -0.5 is out of range; allowed: a number >= 0", e.getMessage());
    }
}
