package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.GpuProbe;
import dev.dgmbench.suite.backend.probe.CpuInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProvenanceProbeTest {

    static Properties props() {
        Properties p = new Properties();
        p.setProperty("os.name", "Linux");
        p.setProperty("os.version", "6.1.0-18-amd64");
        p.setProperty("os.arch", "amd64");
        p.setProperty("java.vendor", "Eclipse Adoptium");
        p.setProperty("java.version", "17.0.15");
        p.setProperty("java.runtime.version", "17.0.15+6");
        p.setProperty("java.vm.name", "OpenJDK 64-Bit Server VM");
        return p;
    }

    @Test
    void cpuFacts() {
        ProvenanceProbe probe = new ProvenanceProbe(Map.of("OMP_NUM_THREADS", "1")::get, props(), 2);
        Map<String, String> f = probe.collect(Backends.CPU_AVX2, CpuInfoTest.linux(CpuInfoTest.EPYC_ROME), null);
        assertEquals("cpu-avx2", f.get("backend.name"));
        assertEquals("cpu", f.get("backend.kind"));
        assertEquals("linux-x86_64-avx2", f.get("backend.classifier"));
        assertEquals("-avx2", f.get("backend.platform_extension"));
        assertEquals("1", f.get("env.OMP_NUM_THREADS"));
        assertEquals("unset", f.get("env.MKL_NUM_THREADS"));
        assertEquals("AMD EPYC 7B12", f.get("cpu.model"));
        assertEquals("true", f.get("cpu.flag.avx2"));
        assertEquals("true", f.get("cpu.flag.fma"));
        assertEquals("false", f.get("cpu.flag.avx512f"));
        assertEquals("2", f.get("cpu.logical_cores"));
        assertEquals("2", f.get("jvm.available_processors"));
        assertEquals("Linux", f.get("os.name"));
        assertEquals("6.1.0-18-amd64", f.get("os.version"));
        assertEquals("amd64", f.get("os.arch"));
        assertEquals("Eclipse Adoptium", f.get("java.vendor"));
        assertEquals("17.0.15", f.get("java.version"));
        assertFalse(f.containsKey("gpu.count"));
        assertFalse(f.containsKey("env.CUDA_VISIBLE_DEVICES"));
        List<String> keys = new ArrayList<>(f.keySet());
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(sorted, keys, "keys come in sorted order");
    }

    @Test
    void cudaFactsIncludeGpus() {
        ProvenanceProbe probe = new ProvenanceProbe(Map.of("CUDA_VISIBLE_DEVICES", "0")::get, props(), 8);
        GpuProbe.Result gpus = GpuProbe.parse("NVIDIA A100-SXM4-40GB, 8.0, 535.104.05");
        Map<String, String> f = probe.collect(Backends.CUDA_11_6, CpuInfoTest.linux(CpuInfoTest.XEON_ICELAKE), gpus);
        assertEquals("cuda-11.6", f.get("backend.name"));
        assertEquals("cuda", f.get("backend.kind"));
        assertEquals("none", f.get("backend.platform_extension"));
        assertEquals("0", f.get("env.CUDA_VISIBLE_DEVICES"));
        assertEquals("1", f.get("gpu.count"));
        assertEquals("NVIDIA A100-SXM4-40GB", f.get("gpu.0.name"));
        assertEquals("8.0", f.get("gpu.0.compute_capability"));
        assertEquals("535.104.05", f.get("gpu.0.driver"));
        assertEquals("ok", f.get("gpu.probe"));
        assertEquals("true", f.get("cpu.flag.avx512f"));
    }

    @Test
    void unknownFlagsAreSaidToBeUnknown() {
        CpuInfo unknown = CpuInfo.parse("", "nowhere", "Linux", "amd64");
        Map<String, String> f = new ProvenanceProbe(k -> null, props(), 1).collect(Backends.CPU, unknown, null);
        assertEquals("unknown", f.get("cpu.flag.avx2"));
        assertEquals("unknown CPU", f.get("cpu.model"));
    }

    @Test
    void systemProbeWorksHere() {
        Map<String, String> f = ProvenanceProbe.system().collect(Backends.CPU, CpuInfo.read(), null);
        assertTrue(f.containsKey("java.version"));
        assertTrue(f.containsKey("env.OMP_NUM_THREADS"));
    }
}
