package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeGroup;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.fused.FusedEngine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code cuda} engine: beta-VAEs (alone or stacked in groups) and the NCE classifier on an NVIDIA GPU through
 * a {@link Device}. The image classifier of the sample-quality metrics stays on the CPU (the pure-Java fused
 * kernels). {@link #onHost()} runs the same engine on {@link HostDevice}: a test vehicle, not a user engine.
 */
public final class CudaEngine implements Engine {
    private final Device device;
    private final ResidentArrays resident;
    private final Map<String, String> provenance = new LinkedHashMap<>();

    private CudaEngine(Device device, long residentBytes) {
        this.device = device;
        this.resident = new ResidentArrays(device, residentBytes);
        provenance.put("engine", "cuda");
        provenance.put("device", device.name());
        provenance.put("kernels_sha256", KernelCompiler.key(KernelCompiler.source(), List.of()));
        provenance.put("kernel_options", String.join(" ", KernelCompiler.options(0, 0).subList(1, 5)));
        provenance.put("cublas_math_mode", "CUBLAS_DEFAULT_MATH (FP32, no TF32)");
    }

    /** The machine check's first OK in this process: concurrent runs make an engine per thread, one check does. */
    private static volatile CudaVerdict passed;

    /** The engine on GPU 0, after the machine check; a refusal says what is missing. */
    public static CudaEngine onGpu() {
        CudaVerdict v = passed != null ? passed : CudaProbe.probe();
        if (!v.ok()) throw new IllegalStateException("the cuda engine cannot run here: " + v.message());
        passed = v;
        CudaDevice gpu = new CudaDevice(0);
        CudaEngine e = new CudaEngine(gpu, Math.min(gpu.totalMemory() / 4, 16L << 30));
        e.provenance.put("gpu", v.gpuName());
        e.provenance.put("kernel_image", gpu.kernelImage());
        e.provenance.put("cuda_stream", gpu.streamKind());
        e.provenance.put("cuda_sync", gpu.syncKind());
        e.provenance.put("compute_capability", v.capabilityMajor() + "." + v.capabilityMinor());
        e.provenance.put("driver_cuda_version", CudaProbe.cudaVersion(v.driverCudaVersion()));
        return e;
    }

    /** The same engine on the JVM (kernels as Java loops): for tests without a GPU. */
    public static CudaEngine onHost() {
        return new CudaEngine(new HostDevice(), 1L << 30);
    }

    Device device() {
        return device;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public VaeModel vae(VaeShape shape, VaeWeights weights) {
        return new CudaVaeGroup(device, List.of(shape), List.of(weights), resident).member(0);
    }

    @Override
    public boolean trainsGroups() {
        return true;
    }

    @Override
    public Optional<VaeGroup> vaeGroup(List<VaeShape> shapes, List<VaeWeights> weights) {
        for (VaeShape s : shapes) if (!s.stacksWith(shapes.get(0))) return Optional.empty();
        return Optional.of(new CudaVaeGroup(device, shapes, weights, resident));
    }

    @Override
    public RatioClassifier ratioClassifier(MlpWeights weights) {
        return new CudaRatioClassifier(device, weights);
    }

    @Override
    public ImageClassifier imageClassifier(MlpWeights weights) {
        return FusedEngine.java().imageClassifier(weights);
    }

    @Override
    public Map<String, String> provenance() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }
}
