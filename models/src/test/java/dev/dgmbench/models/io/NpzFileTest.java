package dev.dgmbench.models.io;

import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .npz export read back: by a parser of the NPY format written here from the spec, and by NumPy itself. */
class NpzFileTest {
    @TempDir
    Path tmp;

    private static Map<String, Layer> layers() {
        Random rng = new Random(7);
        Map<String, Layer> m = new LinkedHashMap<>();
        m.put("enc1", Layer.glorot(rng, 5, 3));
        m.put("out", new Layer(3, 1, new float[]{1.5f, -2.25f, Float.MIN_NORMAL}, new float[]{0.125f}));
        for (float[] b : List.of(m.get("enc1").b())) for (int i = 0; i < b.length; i++) b[i] = i - 1.5f;
        return m;
    }

    /** name -> (shape, values) parsed from the zip, independently of the writer. */
    private static Map<String, Object[]> read(Path npz) throws IOException {
        Map<String, Object[]> out = new LinkedHashMap<>();
        Pattern dict = Pattern.compile("\\{'descr': '<f4', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\\n");
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] bytes = zip.getInputStream(e).readAllBytes();
                assertArrayEquals(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}, Arrays.copyOf(bytes, 8), e.getName());
                int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
                assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes in " + e.getName());
                String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
                Matcher m = dict.matcher(header);
                assertTrue(m.matches(), e.getName() + " header: " + header);
                int[] shape = Arrays.stream(m.group(1).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
                int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
                assertEquals(10 + headerLength + 4L * n, bytes.length, e.getName() + " size");
                float[] v = new float[n];
                ByteBuffer.wrap(bytes, 10 + headerLength, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
                out.put(e.getName().replaceFirst("\\.npy$", ""), new Object[]{shape, v});
            }
        }
        return out;
    }

    @Test
    void eachLayerIsAWeightMatrixAndABiasVectorInFloat32() throws IOException {
        Path npz = tmp.resolve("m.npz");
        NpzFile.save(npz, layers());
        Map<String, Object[]> arrays = read(npz);
        assertEquals(List.of("enc1.w", "enc1.b", "out.w", "out.b"), new ArrayList<>(arrays.keySet()));
        layers().forEach((name, l) -> {
            assertArrayEquals(new int[]{l.in(), l.out()}, (int[]) arrays.get(name + ".w")[0]);
            assertArrayEquals(l.w(), (float[]) arrays.get(name + ".w")[1]);
            assertArrayEquals(new int[]{l.out()}, (int[]) arrays.get(name + ".b")[0]);
            assertArrayEquals(l.b(), (float[]) arrays.get(name + ".b")[1]);
        });
        byte[] once = Files.readAllBytes(npz);
        NpzFile.save(npz, layers());
        assertArrayEquals(once, Files.readAllBytes(npz), "the same weights give the same bytes");
        assertTrue(Files.list(tmp).noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary left");
    }

    @Test
    void theOwnFormatStillRoundTripsBesideIt() {
        Path bin = tmp.resolve("m.bin");
        WeightFile.save(bin, layers());
        Map<String, float[]> back = WeightFile.load(bin);
        layers().forEach((name, l) -> {
            assertArrayEquals(l.w(), back.get(name + ".w"));
            assertArrayEquals(l.b(), back.get(name + ".b"));
        });
    }

    @Test
    void numpyLoadsThem() throws Exception {
        Path npz = tmp.resolve("m.npz");
        NpzFile.save(npz, layers());
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "for k in z.files: a = z[k]; print(k, a.dtype, a.shape, repr(float(a.ravel()[0])), repr(float(a.sum(dtype=np.float64))))\n";
        String out = python(script, npz.toString());
        List<String> expected = new ArrayList<>();
        layers().forEach((name, l) -> {
            expected.add(line(name + ".w", "(" + l.in() + ", " + l.out() + ")", l.w()));
            expected.add(line(name + ".b", "(" + l.out() + ",)", l.b()));
        });
        assertEquals(expected, out.strip().lines().toList());
    }

    /**
     * The loading code of docs/models.md, run by NumPy on an exported VAE, gives the decoder's probabilities and the
     * encoder's means as the engine computes them: the layout the docs describe (pixel-major logits, LeakyReLU 0.01,
     * linear outputs) is the engine's.
     */
    @Test
    void theDocumentedNumpyForwardPassMatchesTheEngine() throws Exception {
        VaeShape shape = new VaeShape(6, 3, 5, 2, Likelihood.CATEGORICAL, 1.0);
        VaeModel vae = Engines.create("java").vae(shape, VaeWeights.glorot(shape, 11));
        Path npz = tmp.resolve("vae.npz");
        NpzFile.save(npz, vae.weights().layers());
        float[] z = {0.5f, -1f, 2f, 0.25f};
        float[] x = {0f, 0.5f, 1f, 0.5f, 0f, 1f};
        String script = String.join("\n", "import numpy as np, sys",
                "m = np.load(sys.argv[1])",
                "D = m['enc1.w'].shape[0]; K = m['dec_out.w'].shape[1] // D",
                "leaky = lambda a: np.where(a > 0, a, 0.01 * a)",
                "def encode(x):",
                "    h = leaky(leaky(x @ m['enc1.w'] + m['enc1.b']) @ m['enc2.w'] + m['enc2.b'])",
                "    return h @ m['enc_mu.w'] + m['enc_mu.b'], h @ m['enc_lv.w'] + m['enc_lv.b']",
                "def decode(z):",
                "    h = leaky(leaky(z @ m['dec1.w'] + m['dec1.b']) @ m['dec2.w'] + m['dec2.b'])",
                "    logits = (h @ m['dec_out.w'] + m['dec_out.b']).reshape(len(z), D, K)",
                "    p = np.exp(logits - logits.max(-1, keepdims=True))",
                "    return p / p.sum(-1, keepdims=True)",
                "z = np.array([[0.5, -1], [2, 0.25]], dtype=np.float32)",
                "x = np.array([[0, 0.5, 1, 0.5, 0, 1]], dtype=np.float32)",
                "print(' '.join(repr(float(v)) for v in np.concatenate([decode(z).ravel(), encode(x)[0].ravel()])))", "");
        String out = python(script, npz.toString());
        float[] expected = new float[2 * 6 * 3 + 2];
        System.arraycopy(vae.decodeProbabilities(z, 2), 0, expected, 0, 36);
        System.arraycopy(vae.encode(x, 1), 0, expected, 36, 2);
        String[] got = out.strip().split(" ");
        assertEquals(expected.length, got.length, out);
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], Double.parseDouble(got[i]), 1e-5, "value " + i);
    }

    /** stdout of {@code python3 -c script args}; the test is skipped, saying why, without python3 and NumPy. */
    private static String python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            System.out.println("skipped: python3 is not installed; the Java reader checks the format");
            Assumptions.abort("python3 is not installed (" + e.getMessage() + ")");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        if (out.contains("No module named 'numpy'")) {
            System.out.println("skipped: python3 has no numpy; the Java reader checks the format");
            Assumptions.abort("python3 has no numpy");
        }
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static String line(String name, String shape, float[] v) {
        double sum = 0;
        for (float f : v) sum += f;
        return name + " float32 " + shape + " " + pyRepr(v[0]) + " " + pyRepr(sum);
    }

    /** Python's repr of a float: the shortest string that round-trips, as Java's Double.toString mostly is. */
    private static String pyRepr(double d) {
        String s = Double.toString(d);
        if (s.contains("E")) {
            String[] p = s.split("E");
            int exp = Integer.parseInt(p[1]);
            return p[0].replaceFirst("\\.0$", "") + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return s;
    }
}
