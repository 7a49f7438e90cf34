package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.GpuInfo;
import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The facts about backend, machine and JVM to record with each result, as a plain sorted map of strings. It loads
 * no ND4J class: the caller adds the ND4J version (and anything ND4J reports once loaded).
 *
 * <p>Keys: {@code backend.*}, {@code env.*} (thread settings; {@code unset} when absent), {@code cpu.*},
 * {@code os.*}, {@code java.*}, {@code jvm.*}, and for CUDA {@code gpu.*}.
 */
public final class ProvenanceProbe {

    /** Environment variables that change how many threads native code uses or where they run. */
    public static final List<String> THREAD_ENV = List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS",
            "OPENBLAS_NUM_THREADS", "OMP_DYNAMIC", "OMP_PROC_BIND", "OMP_PLACES", "OMP_WAIT_POLICY",
            "KMP_AFFINITY");
    /** Environment variables that choose GPUs or change CUDA's behaviour. */
    public static final List<String> CUDA_ENV = List.of("CUDA_VISIBLE_DEVICES", "CUDA_DEVICE_ORDER",
            "CUBLAS_WORKSPACE_CONFIG");
    /** CPU flags worth recording: the ones the backends differ by. */
    public static final List<String> CPU_FLAGS = List.of("avx", "avx2", "fma", "f16c", "avx512f", "avx512vl",
            "avx512bw", "avx512dq");
    public static final String UNSET = "unset";

    private final Function<String, String> env;
    private final Properties systemProperties;
    private final int availableProcessors;

    /**
     * @param env                 environment lookup (e.g. {@code System::getenv})
     * @param systemProperties    JVM properties (os.*, java.*)
     * @param availableProcessors what the JVM may use (container quotas applied)
     */
    public ProvenanceProbe(Function<String, String> env, Properties systemProperties, int availableProcessors) {
        this.env = Objects.requireNonNull(env, "env");
        this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
        this.availableProcessors = availableProcessors;
    }

    /** This JVM's environment and properties. */
    public static ProvenanceProbe system() {
        return new ProvenanceProbe(System::getenv, System.getProperties(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Collects the facts.
     *
     * @param backend  the backend the result was produced on
     * @param cpu      the CPU
     * @param gpuProbe for CUDA backends what nvidia-smi found; may be null (then nothing on GPUs is recorded)
     * @return an unmodifiable map with keys in sorted order
     */
    public Map<String, String> collect(Backend backend, CpuInfo cpu, GpuProbe.Result gpuProbe) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(cpu, "cpu");
        Map<String, String> facts = new TreeMap<>();
        facts.put("backend.name", backend.name());
        facts.put("backend.kind", backend.kind().name().toLowerCase(java.util.Locale.ROOT));
        facts.put("backend.artifact", backend.artifact().coordinates());
        facts.put("backend.classifier", backend.classifier());
        facts.put("backend.platform_extension", backend.platformExtension().isEmpty() ? "none"
                : backend.platformExtension());
        facts.put("backend.javacpp_platform_extension_property",
                orUnset(systemProperties.getProperty(Backend.PLATFORM_EXTENSION_PROPERTY)));

        for (String name : THREAD_ENV) {
            facts.put("env." + name, orUnset(env.apply(name)));
        }

        facts.put("cpu.model", cpu.modelName());
        for (String flag : CPU_FLAGS) {
            facts.put("cpu.flag." + flag, cpu.flags().isEmpty() ? "unknown" : Boolean.toString(cpu.hasFlag(flag)));
        }
        facts.put("cpu.logical_cores", Integer.toString(cpu.logicalCores()));
        facts.put("jvm.available_processors", Integer.toString(availableProcessors));

        facts.put("os.name", prop("os.name"));
        facts.put("os.version", prop("os.version"));
        facts.put("os.arch", prop("os.arch"));
        facts.put("java.vendor", prop("java.vendor"));
        facts.put("java.version", prop("java.version"));
        facts.put("java.runtime.version", prop("java.runtime.version"));
        facts.put("java.vm.name", prop("java.vm.name"));

        if (backend.isCuda()) {
            for (String name : CUDA_ENV) {
                facts.put("env." + name, orUnset(env.apply(name)));
            }
            if (gpuProbe != null) {
                facts.put("gpu.probe", gpuProbe.status().name().toLowerCase(java.util.Locale.ROOT));
                facts.put("gpu.count", Integer.toString(gpuProbe.gpus().size()));
                for (GpuInfo g : gpuProbe.gpus()) {
                    String k = "gpu." + g.index() + ".";
                    facts.put(k + "name", g.name());
                    facts.put(k + "compute_capability", g.capability());
                    facts.put(k + "driver", g.driverVersion());
                }
                facts.put("gpu.detail", gpuProbe.detail());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    private String prop(String key) {
        return orUnset(systemProperties.getProperty(key));
    }

    private static String orUnset(String value) {
        return value == null || value.isEmpty() ? UNSET : value;
    }
}
