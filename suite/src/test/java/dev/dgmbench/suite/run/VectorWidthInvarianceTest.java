package dev.dgmbench.suite.run;

import dev.dgmbench.models.fused.Kernels;
import dev.dgmbench.results.ResultFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same small study at 256-bit and at 512-bit SIMD width, on this machine (the Vector API runs the width the
 * hardware lacks in software), gives byte-identical metrics: the fused kernels' results do not depend on the width
 * of the machine that ran them, so published results reproduce on AVX2 and AVX-512 hosts alike. Both engines that
 * run the kernels on the CPU (fused: with ND4J's products; java: with the pure-Java ones, as the evaluator network),
 * with layer widths that are not multiples of 16, so sums have whole blocks and tails at both widths.
 */
class VectorWidthInvarianceTest {
    @TempDir
    static Path tmp;

    @Test
    void aStudyGivesTheSameBitsAt256And512Bits() {
        Path spec = E2E.tinySpec(tmp.resolve("spec"), "widths.yaml", text -> text
                .replace("  model.beta: [0.2, 1.0]", "  model.beta: [0.2, 1.0]\n  model.engine: [fused, java]")
                .replace("  hidden: 16\n", "  hidden: 37\n")
                .replace("    hidden: [8]\n", "    hidden: [37, 21]\n")
                .replace("  evaluator: {hidden: 16, epochs: 2}", "  evaluator: {hidden: 37, epochs: 2}"));
        Path narrow = runAt("256", spec), wide = runAt("512", spec);
        assertEquals(8, E2E.published(wide).size(), E2E.published(wide).toString());
        E2E.assertSameResults(wide, narrow);
        assertEquals("256", provenance(narrow).get("simd_vector_bits"), "the 256-bit run ran at 256 bits");
        assertEquals("512", provenance(wide).get("simd_vector_bits"), "the 512-bit run ran at 512 bits");
    }

    private static Path runAt(String bits, Path spec) {
        Path out = tmp.resolve("bits-" + bits);
        System.setProperty(Kernels.BITS_PROPERTY, bits);
        try {
            E2E.run(spec, out, 2);
        } finally {
            System.clearProperty(Kernels.BITS_PROPERTY);
        }
        return out;
    }

    /** The provenance of the study's first fused run. */
    private static Map<String, String> provenance(Path folder) {
        String id = E2E.published(folder).stream().filter(r -> r.contains("fused")).findFirst().orElseThrow();
        String json = new String(E2E.fileOfRuns(folder, ResultFolder.PROVENANCE).get(id), StandardCharsets.UTF_8);
        assertTrue(json.contains("simd_vector_bits"), json);
        return ResultFolder.read(folder.resolve("runs").resolve(id)).provenance();
    }
}
