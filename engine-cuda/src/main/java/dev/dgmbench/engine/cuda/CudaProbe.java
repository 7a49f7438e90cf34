package dev.dgmbench.engine.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.cuda.global.nvrtc;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The machine check for the cuda engine, before anything starts: an NVIDIA driver (libcuda.so.1), one new enough
 * for CUDA 13 (cuDriverGetVersion at least 13000, i.e. driver 580+), the CUDA 13 runtime libraries JavaCPP links
 * to (libcudart.so.13, libcublas.so.13, libnvrtc.so.13), a GPU, and compute capability 7.5 or newer (CUDA 13 and
 * its NVRTC dropped the older architectures). {@link #judge} turns plain facts into the verdict, so the refusal
 * messages are tested with faked facts.
 */
public final class CudaProbe {
    public static final int MIN_DRIVER_CUDA = 13000, MIN_MAJOR = 7, MIN_MINOR = 5;
    static final List<String> RUNTIME_LIBRARIES = List.of("libcudart.so.13", "libcublas.so.13", "libnvrtc.so.13");
    private static final List<String> LIBRARY_DIRS = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib",
            "/lib/x86_64-linux-gnu", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/local/cuda/lib64",
            "/usr/local/cuda/targets/x86_64-linux/lib", "/usr/lib/wsl/lib");

    private CudaProbe() {
    }

    /**
     * Facts about the machine. driverCudaVersion: cuDriverGetVersion (e.g. 13000), -1 if unknown;
     * kernelDriver: the NVIDIA kernel module's version ("580.159.04") or null; missingRuntime: runtime libraries
     * not found; loadError: why JavaCPP could not load them, or null; GPU fields for device 0.
     */
    public record Facts(boolean driverLibrary, boolean nvidiaSmi, int driverCudaVersion, String kernelDriver,
                        List<String> missingRuntime, String loadError, int deviceCount, String gpuName, int major,
                        int minor, long memoryBytes) {
    }

    /** InputChecks this machine (loads the CUDA libraries if they are there). */
    public static CudaVerdict probe() {
        return judge(facts());
    }

    public static CudaVerdict judge(Facts f) {
        int cuda = f.driverCudaVersion();
        if (!f.driverLibrary()) {
            return CudaVerdict.refused(CudaVerdict.Status.NO_DRIVER, "no NVIDIA driver: libcuda.so.1 cannot be loaded"
                    + (f.nvidiaSmi() ? "" : " and nvidia-smi is absent")
                    + "; the cuda backend needs an NVIDIA GPU with its driver (580 or newer for CUDA 13)", cuda);
        }
        int kernelMajor = majorOf(f.kernelDriver());
        if ((cuda >= 0 && cuda < MIN_DRIVER_CUDA) || (cuda < 0 && kernelMajor > 0 && kernelMajor < 580)) {
            String has = cuda >= 0 ? "supports CUDA " + cudaVersion(cuda) : "is version " + f.kernelDriver();
            return CudaVerdict.refused(CudaVerdict.Status.DRIVER_TOO_OLD, "the NVIDIA driver is too old: it " + has
                    + "; the cuda backend needs CUDA 13 (driver 580 or newer)", cuda);
        }
        if (!f.missingRuntime().isEmpty() || f.loadError() != null) {
            String which = f.missingRuntime().isEmpty() ? String.join(", ", RUNTIME_LIBRARIES)
                    : String.join(", ", f.missingRuntime());
            return CudaVerdict.refused(CudaVerdict.Status.NO_RUNTIME, "no CUDA 13 runtime found: " + which
                    + " cannot be loaded" + (f.loadError() == null ? "" : " (" + f.loadError() + ")")
                    + "; install the CUDA 13 runtime (cudart, cuBLAS, NVRTC) or put its lib folder on LD_LIBRARY_PATH",
                    cuda);
        }
        if (f.deviceCount() < 1) {
            return CudaVerdict.refused(CudaVerdict.Status.NO_GPU, "the NVIDIA driver sees no GPU", cuda);
        }
        if (f.major() < MIN_MAJOR || (f.major() == MIN_MAJOR && f.minor() < MIN_MINOR)) {
            return new CudaVerdict(CudaVerdict.Status.GPU_TOO_OLD, "the GPU is too old: " + f.gpuName()
                    + " has compute capability " + f.major() + "." + f.minor() + "; CUDA 13 supports " + MIN_MAJOR
                    + "." + MIN_MINOR + " (Turing) and newer (the cuda-11.6 backend covers 3.7-8.6)", f.gpuName(),
                    f.major(), f.minor(), f.memoryBytes(), cuda);
        }
        String message = String.format(Locale.ROOT, "%s, compute capability %d.%d, %.1f GiB, driver CUDA %s%s",
                f.gpuName(), f.major(), f.minor(), f.memoryBytes() / (double) (1L << 30), cudaVersion(cuda),
                f.kernelDriver() == null ? "" : " (driver " + f.kernelDriver() + ")");
        return new CudaVerdict(CudaVerdict.Status.OK, message, f.gpuName(), f.major(), f.minor(), f.memoryBytes(), cuda);
    }

    static String cudaVersion(int v) {
        return v < 0 ? "unknown" : v / 1000 + "." + (v % 1000) / 10;
    }

    private static int majorOf(String version) {
        if (version == null) return -1;
        try {
            return Integer.parseInt(version.split("\\.")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Gathers the facts. Loading JavaCPP's CUDA classes is the real test; the library search only explains a
     * failure (which library is missing).
     */
    static Facts facts() {
        boolean smi = onPath("nvidia-smi");
        String kernel = kernelDriverVersion();
        try {
            Loader.load(cudart.class);
            Loader.load(cublas.class);
            Loader.load(nvrtc.class);
        } catch (Throwable e) {
            boolean driver = findLibrary("libcuda.so.1") != null;
            List<String> missing = new ArrayList<>();
            for (String lib : RUNTIME_LIBRARIES) if (findLibrary(lib) == null) missing.add(lib);
            return new Facts(driver, smi, -1, kernel, missing, rootCause(e), 0, null, 0, 0, 0);
        }
        List<String> missing = List.of();
        int[] v = new int[1];
        int version = cudart.cuDriverGetVersion(v) == cudart.CUDA_SUCCESS ? v[0] : -1;
        if (cudart.cuInit(0) != cudart.CUDA_SUCCESS || cudart.cuDeviceGetCount(v) != cudart.CUDA_SUCCESS || v[0] < 1) {
            return new Facts(true, smi, version, kernel, missing, null, 0, null, 0, 0, 0);
        }
        int count = v[0];
        int[] dev = new int[1], major = new int[1], minor = new int[1];
        cudart.cuDeviceGet(dev, 0);
        cudart.cuDeviceGetAttribute(major, cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev[0]);
        cudart.cuDeviceGetAttribute(minor, cudart.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev[0]);
        byte[] name = new byte[256];
        cudart.cuDeviceGetName(name, name.length, dev[0]);
        SizeTPointer mem = new SizeTPointer(1);
        cudart.cuDeviceTotalMem(mem, dev[0]);
        return new Facts(true, smi, version, kernel, missing, null, count, CudaDevice.cString(name), major[0], minor[0],
                mem.get());
    }

    /** The dynamic loader's own words ("libcublas.so.13: cannot open shared object file: ..."), not JavaCPP's wrapper. */
    private static String rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null) c = c.getCause();
        String m = String.valueOf(c.getMessage());
        int so = m.lastIndexOf(".so: ");
        return so >= 0 ? m.substring(so + 5) : m;
    }

    /** The folder holding a shared library the dynamic loader would find, or null. */
    static Path findLibrary(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) for (String d : ld.split(":")) if (!d.isBlank()) dirs.add(d);
        dirs.addAll(LIBRARY_DIRS);
        for (String d : dirs) {
            Path p = Path.of(d, name);
            if (Files.exists(p)) return p.getParent();
        }
        for (String line : ldconfigCache()) {
            int arrow = line.indexOf("=>");
            if (line.trim().startsWith(name + " ") && arrow > 0) return Path.of(line.substring(arrow + 2).trim()).getParent();
        }
        return null;
    }

    private static List<String> ldconfigCache() {
        for (String exe : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(exe))) continue;
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                p.waitFor(10, TimeUnit.SECONDS);
                return new String(out, StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                return List.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
        return List.of();
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(":")) if (!d.isBlank() && Files.isExecutable(Path.of(d, exe))) return true;
        return false;
    }

    /** From /proc/driver/nvidia/version ("NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159.04 ..."). */
    private static String kernelDriverVersion() {
        try {
            String text = Files.readString(Path.of("/proc/driver/nvidia/version"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("Kernel Module\\s+([0-9.]+)").matcher(text);
            return m.find() ? m.group(1) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
