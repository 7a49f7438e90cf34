package dev.dgmbench.engine.cuda;

import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The run-time compilation path without a GPU: NVRTC (libnvrtc.so.13, needs no driver) turns kernels.cu into PTX
 * for compute_90 and compute_75 with every kernel as an entry (and machine code for sm_90 and sm_75, the fallback),
 * and the cache is written once and reused.
 * Skipped where libnvrtc.so.13 (or the driver library JavaCPP links beside it) cannot be loaded; tagged gpu so
 * the bundle's GPU run includes it.
 */
@Tag("gpu")
class NvrtcTest {
    @Test
    void compilesEveryKernelToPtxAndCachesIt() throws Exception {
        String why = null;
        try {
            Loader.load(nvrtc.class);
        } catch (Throwable e) {
            why = "libnvrtc.so.13 cannot be loaded (" + e.getMessage() + "): NVRTC path not checked";
        }
        if (why != null) System.out.println("skipped: " + why);
        Assumptions.assumeTrue(why == null, why);
        Path cache = KernelCompiler.cacheDirectory();
        for (int[] cc : new int[][]{{9, 0}, {7, 5}}) {
            String ptx = KernelCompiler.ptx(cc[0], cc[1]);
            assertTrue(ptx.contains(".target sm_" + cc[0] + cc[1]), "target of the PTX");
            for (Kernel k : Kernel.values()) assertTrue(ptx.contains(".entry " + k.cudaName() + "("), k.cudaName());
            Path file = cache.resolve(KernelCompiler.key(KernelCompiler.source(), KernelCompiler.options(cc[0], cc[1])) + ".ptx");
            assertTrue(Files.isRegularFile(file), "cached at " + file);
            assertEquals(ptx, KernelCompiler.ptx(cc[0], cc[1]), "read back from the cache");
            // no fused multiply-add anywhere: the float rounding HostKernels reproduces
            assertFalse(ptx.contains("fma.rn.f32"), "float FMA in the PTX for compute_" + cc[0] + cc[1]);
            // the machine-code fallback: an ELF image
            byte[] cubin = KernelCompiler.image(KernelCompiler.Image.CUBIN, cc[0], cc[1]);
            assertTrue(cubin.length > 1000 && cubin[0] == 0x7f && cubin[1] == 'E' && cubin[2] == 'L' && cubin[3] == 'F',
                    "cubin for sm_" + cc[0] + cc[1]);
        }
    }
}
