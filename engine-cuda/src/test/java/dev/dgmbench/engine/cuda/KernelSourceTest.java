package dev.dgmbench.engine.cuda;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * kernels.cu compiles for the newest GPU we target and for the oldest CUDA 13 can target (sm_75: CUDA 13
 * dropped Maxwell, Pascal and Volta), with the options NVRTC gets at run time; needs nvcc, else skipped.
 */
class KernelSourceTest {

    @Test
    void everyKernelIsDefinedInTheSource() {
        String source = KernelCompiler.source();
        for (Kernel k : Kernel.values()) {
            assertTrue(source.contains("extern \"C\" __global__ void " + k.cudaName() + "("), k.cudaName());
        }
    }

    @Test
    void launchesAreCheckedAgainstTheCudaSignatures() {
        assertEquals(Kernel.values().length, KernelSignatures.parse(KernelCompiler.source()).size());
        HostDevice d = new HostDevice();
        Buffer f = d.floats(4), i = d.ints(4);
        d.launch(Kernel.LEAKY_DERIV, 4, f, f, 0.01f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.launch(Kernel.LEAKY_DERIV, 4, f, i, 0.01f));
        assertTrue(e.getMessage().contains("argument 1 must be float*"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.launch(Kernel.LEAKY_DERIV, 4, f, f, 1));
        assertThrows(IllegalArgumentException.class, () -> d.launch(Kernel.LEAKY_DERIV, 4, f, f));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sm_90", "sm_75"})
    void compilesWithNvcc(String arch) throws Exception {
        Path nvcc = nvcc();
        String why = "nvcc not found (PATH, CUDA_HOME, /usr/local/cuda/bin): kernels.cu not compile-checked";
        if (nvcc == null) System.out.println("skipped: " + why);
        Assumptions.assumeTrue(nvcc != null, why);
        Path dir = Files.createTempDirectory("kernels");
        Path cu = dir.resolve("kernels.cu");
        Files.writeString(cu, KernelCompiler.source());
        for (String kind : List.of("-cubin", "-ptx")) {
            Path out = dir.resolve("kernels" + kind.replace('-', '.'));
            List<String> cmd = new ArrayList<>(List.of(nvcc.toString(), "-arch=" + arch, kind, "-Werror",
                    "all-warnings", "-o", out.toString()));
            // The NVRTC options, less the architecture (given above).
            for (String o : KernelCompiler.options(9, 0)) if (!o.startsWith("--gpu-architecture")) cmd.add(o);
            cmd.add(cu.toString());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "nvcc timed out");
            assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + log);
            assertTrue(Files.size(out) > 0);
        }
        // --fmad=false leaves no float multiply-add contracted: each float operation rounds as in Java.
        assertFalse(Files.readString(dir.resolve("kernels.ptx")).contains("fma.rn.f32"), "float FMA in the PTX");
    }

    private static Path nvcc() {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) dirs.addAll(List.of(path.split(":")));
        String home = System.getenv("CUDA_HOME");
        if (home != null) dirs.add(home + "/bin");
        dirs.add("/usr/local/cuda/bin");
        for (String d : dirs) {
            if (d.isBlank()) continue;
            Path p = Path.of(d, "nvcc");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
