package dev.dgmbench.suite.backend;

import dev.dgmbench.suite.backend.probe.CpuInfo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuInfoTest {

    static final String COMMON = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx "
            + "fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc "
            + "cpuid tsc_known_freq pni pclmulqdq ssse3 cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave "
            + "hypervisor lahf_lm abm 3dnowprefetch";

    /** Ice Lake server: AVX-512. */
    static final String XEON_ICELAKE = cpuinfo("GenuineIntel", "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", 4,
            COMMON + " avx f16c rdrand fma bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap "
                    + "avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves "
                    + "wbnoinvd ida arat avx512vbmi pku ospke avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni "
                    + "avx512_bitalg tme avx512_vpopcntdq rdpid md_clear flush_l1d arch_capabilities");
    /** Zen 2: AVX2, no AVX-512. */
    static final String EPYC_ROME = cpuinfo("AuthenticAMD", "AMD EPYC 7B12", 2,
            COMMON + " avx f16c rdrand fma bmi1 avx2 smep bmi2 rdseed adx smap clflushopt clwb sha_ni xsaveopt "
                    + "xsavec xgetbv1 clzero xsaveerptr arat npt nrip_save umip rdpid");
    /** Sandy Bridge: AVX only. */
    static final String XEON_SANDY = cpuinfo("GenuineIntel", "Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz", 2,
            COMMON + " avx xsaveopt arat");

    static String cpuinfo(String vendor, String model, int processors, String flags) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < processors; i++) {
            sb.append("processor\t: ").append(i).append('\n')
                    .append("vendor_id\t: ").append(vendor).append('\n')
                    .append("cpu family\t: 6\n")
                    .append("model name\t: ").append(model).append('\n')
                    .append("cpu MHz\t\t: 2900.000\n")
                    .append("flags\t\t: ").append(flags).append('\n')
                    .append("bogomips\t: 5800.00\n\n");
        }
        return sb.toString();
    }

    static CpuInfo linux(String text) {
        return CpuInfo.parse(text, "/proc/cpuinfo", "Linux", "amd64");
    }

    @Test
    void parsesModelFlagsAndCores() {
        CpuInfo cpu = linux(XEON_ICELAKE);
        assertTrue(cpu.readable());
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", cpu.modelName());
        assertEquals(4, cpu.logicalCores());
        assertTrue(cpu.hasFlag("avx512f"));
        assertTrue(cpu.hasFlag("AVX2"));
        assertTrue(cpu.hasFlag("fma"));
        assertFalse(cpu.hasFlag("sve"));
    }

    @Test
    void avx512CpuRunsEveryCpuBuild() {
        CpuInfo cpu = linux(XEON_ICELAKE);
        for (Backend b : Backends.all()) {
            assertTrue(BackendAvailability.onCpu(b, cpu).supported(), b.name() + ": " + BackendAvailability.onCpu(b, cpu).message());
        }
    }

    @Test
    void avx512BuildIsRefusedOnACpuWithoutAvx512f() {
        CpuInfo cpu = linux(EPYC_ROME);
        assertFalse(cpu.hasFlag("avx512f"));
        Verdict v = BackendAvailability.onCpu(Backends.CPU_AVX512, cpu);
        assertFalse(v.supported());
        assertTrue(v.message().startsWith("Skipping backend cpu-avx512: CPU 'AMD EPYC 7B12' lacks"), v.message());
        assertTrue(v.message().contains("avx512f"), v.message());
        assertTrue(v.message().contains("Use backend cpu-avx2 instead"), v.message());
        Verdict onednn = BackendAvailability.onCpu(Backends.CPU_ONEDNN_AVX512, cpu);
        assertFalse(onednn.supported());
        assertTrue(onednn.message().contains("Use backend cpu-onednn-avx2 instead"), onednn.message());
        assertTrue(BackendAvailability.onCpu(Backends.CPU_AVX2, cpu).supported());
        assertTrue(BackendAvailability.onCpu(Backends.CPU, cpu).supported());
    }

    @Test
    void avx2BuildIsRefusedOnSandyBridge() {
        CpuInfo cpu = linux(XEON_SANDY);
        Verdict v = BackendAvailability.onCpu(Backends.CPU_AVX2, cpu);
        assertFalse(v.supported());
        assertTrue(v.message().contains("'Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz'"), v.message());
        assertTrue(v.message().contains("avx2"), v.message());
        assertTrue(v.message().contains("Use backend cpu instead"), v.message());
        assertTrue(BackendAvailability.onCpu(Backends.CPU, cpu).supported());
        assertTrue(BackendAvailability.onCpu(Backends.CPU_ONEDNN, cpu).supported());
    }

    @Test
    void unreadableCpuinfoAllowsOnlyGenericBuilds(@TempDir Path dir) {
        CpuInfo cpu = CpuInfo.read(dir.resolve("missing"), "Linux", "amd64");
        assertFalse(cpu.readable());
        assertTrue(cpu.flags().isEmpty());
        assertTrue(cpu.logicalCores() >= 1);
        assertTrue(BackendAvailability.onCpu(Backends.CPU, cpu).supported());
        Verdict v = BackendAvailability.onCpu(Backends.CPU_AVX2, cpu);
        assertFalse(v.supported());
        assertTrue(v.message().contains("could not be read"), v.message());
    }

    @Test
    void readsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cpuinfo");
        Files.writeString(file, EPYC_ROME);
        CpuInfo cpu = CpuInfo.read(file, "Linux", "amd64");
        assertEquals("AMD EPYC 7B12", cpu.modelName());
        assertEquals(2, cpu.logicalCores());
    }

    @Test
    void otherPlatformsAreRefused() {
        CpuInfo mac = CpuInfo.parse(XEON_ICELAKE, "test", "Mac OS X", "x86_64");
        Verdict v = BackendAvailability.onCpu(Backends.CPU, mac);
        assertFalse(v.supported());
        assertTrue(v.message().contains("linux-x86_64"), v.message());
        assertTrue(v.message().contains("Mac OS X"), v.message());
        String arm = "processor\t: 0\nBogoMIPS\t: 243.75\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 "
                + "atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop asimddp ssbs\nCPU implementer\t: 0x41\n"
                + "CPU part\t: 0xd0c\n\n";
        CpuInfo graviton = CpuInfo.parse(arm, "test", "Linux", "aarch64");
        assertTrue(graviton.readable());
        assertTrue(graviton.hasFlag("asimd"));
        assertEquals(1, graviton.logicalCores());
        assertFalse(BackendAvailability.onCpu(Backends.CPU, graviton).supported());
    }

    @Test
    void thisMachine() {
        assumeTrue(Files.isReadable(CpuInfo.PROC_CPUINFO), "no /proc/cpuinfo here");
        CpuInfo cpu = CpuInfo.read();
        assertTrue(cpu.readable());
        assertTrue(cpu.logicalCores() >= 1);
        assertFalse(cpu.flags().isEmpty());
        // the generic build runs anywhere on Linux x86-64
        if (cpu.isLinuxX86_64()) {
            assertTrue(BackendAvailability.onCpu(Backends.CPU, cpu).supported());
        }
    }
}
