package dev.dgmbench.engine.cuda;

import org.bytedeco.cuda.nvrtc._nvrtcProgram;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static org.bytedeco.cuda.global.nvrtc.*;

/**
 * Compiles {@code kernels.cu} with NVRTC for the GPU found, caching the result on disk under
 * {@code ${DGMBENCH_CACHE:-~/.cache/dgmbench}/ptx/<sha256 of source and options>.ptx} (or {@code .cubin}).
 * PTX ({@code compute_XY}) is the default; machine code ({@code sm_XY}) is the fallback for an NVRTC newer than
 * the driver, whose PTX the driver cannot JIT (CUDA's minor-version compatibility covers machine code only).
 */
final class KernelCompiler {
    /** What NVRTC produces. */
    enum Image {
        PTX("compute_", ".ptx"), CUBIN("sm_", ".cubin");

        final String archPrefix, suffix;

        Image(String archPrefix, String suffix) {
            this.archPrefix = archPrefix;
            this.suffix = suffix;
        }
    }

    private KernelCompiler() {
    }

    /** The PTX options: exact float rounding (no contraction into FMA, IEEE division and sqrt), as HostKernels. */
    static List<String> options(int major, int minor) {
        return options(Image.PTX, major, minor);
    }

    static List<String> options(Image kind, int major, int minor) {
        return List.of("--gpu-architecture=" + kind.archPrefix + major + minor, "--fmad=false", "--prec-div=true",
                "--prec-sqrt=true", "--ftz=false");
    }

    static String source() {
        try (InputStream in = KernelCompiler.class.getResourceAsStream(Kernel.SOURCE)) {
            if (in == null) throw new IllegalStateException("kernel source " + Kernel.SOURCE + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path cacheDirectory() {
        String root = System.getenv("DGMBENCH_CACHE");
        Path base = root != null && !root.isBlank() ? Path.of(root)
                : Path.of(System.getProperty("user.home"), ".cache", "dgmbench");
        return base.resolve("ptx");
    }

    static String key(String source, List<String> options) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(source.getBytes(StandardCharsets.UTF_8));
            for (String o : options) md.update(("\n" + o).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PTX for this capability (text), from the cache or freshly compiled. */
    static String ptx(int major, int minor) {
        byte[] ptx = image(Image.PTX, major, minor);
        int end = ptx.length > 0 && ptx[ptx.length - 1] == 0 ? ptx.length - 1 : ptx.length;
        return new String(ptx, 0, end, StandardCharsets.US_ASCII);
    }

    /** The compiled kernels for this capability, from the cache or freshly compiled (then cached if possible). */
    static byte[] image(Image kind, int major, int minor) {
        String source = source();
        List<String> options = options(kind, major, minor);
        Path file = cacheDirectory().resolve(key(source, options) + kind.suffix);
        try {
            if (Files.isRegularFile(file)) return Files.readAllBytes(file);
        } catch (IOException ignored) {
            // an unreadable cache entry is recompiled
        }
        byte[] image = compile(source, options, kind);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "kernels", ".tmp");
            Files.write(tmp, image);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // caching is an optimisation only
        }
        return image;
    }

    private static byte[] compile(String source, List<String> options, Image kind) {
        _nvrtcProgram program = new _nvrtcProgram();
        check(nvrtcCreateProgram(program, new BytePointer(source), new BytePointer(Kernel.SOURCE), 0,
                (PointerPointer<?>) null, (PointerPointer<?>) null), "nvrtcCreateProgram");
        try (PointerPointer<BytePointer> opts = new PointerPointer<>(options.toArray(new String[0]))) {
            int rc = nvrtcCompileProgram(program, options.size(), opts);
            if (rc != NVRTC_SUCCESS) {
                throw new IllegalStateException("NVRTC could not compile " + Kernel.SOURCE + " with " + options + ": "
                        + nvrtcGetErrorString(rc).getString() + "\n" + log(program));
            }
            SizeTPointer size = new SizeTPointer(1);
            byte[] out;
            if (kind == Image.PTX) {
                check(nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize");
                out = new byte[(int) size.get()];
                check(nvrtcGetPTX(program, out), "nvrtcGetPTX");
            } else {
                check(nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
                out = new byte[(int) size.get()];
                check(nvrtcGetCUBIN(program, out), "nvrtcGetCUBIN");
            }
            return out;
        } finally {
            nvrtcDestroyProgram(program);
        }
    }

    private static String log(_nvrtcProgram program) {
        SizeTPointer size = new SizeTPointer(1);
        if (nvrtcGetProgramLogSize(program, size) != NVRTC_SUCCESS) return "";
        byte[] log = new byte[(int) size.get()];
        nvrtcGetProgramLog(program, log);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    private static void check(int rc, String what) {
        if (rc != NVRTC_SUCCESS) throw new IllegalStateException(what + " failed: " + nvrtcGetErrorString(rc).getString());
    }
}
