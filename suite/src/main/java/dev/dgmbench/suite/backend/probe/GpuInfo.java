package dev.dgmbench.suite.backend.probe;

import java.util.Objects;

/**
 * One NVIDIA GPU as {@code nvidia-smi} lists it.
 *
 * @param index             position in nvidia-smi's list (its GPU index, PCI bus order)
 * @param name              e.g. {@code NVIDIA A100-SXM4-40GB}
 * @param capabilityMajor   compute capability, major part (8 for 8.6)
 * @param capabilityMinor   compute capability, minor part (6 for 8.6)
 * @param driverVersion     e.g. {@code 535.104.05}
 */
public record GpuInfo(int index, String name, int capabilityMajor, int capabilityMinor, String driverVersion) {

    public GpuInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driverVersion, "driverVersion");
        if (capabilityMajor < 0 || capabilityMinor < 0) {
            throw new IllegalArgumentException("compute capability must not be negative");
        }
    }

    /** Compute capability as nvidia-smi writes it, e.g. {@code 8.6}. */
    public String capability() {
        return capabilityMajor + "." + capabilityMinor;
    }

    /** Compares compute capabilities: negative when this GPU's is lower than {@code major.minor}. */
    public int compareCapability(int major, int minor) {
        return capabilityMajor != major ? Integer.compare(capabilityMajor, major)
                : Integer.compare(capabilityMinor, minor);
    }

    @Override
    public String toString() {
        return "GPU " + index + " '" + name + "' (compute capability " + capability() + ", driver " + driverVersion
                + ")";
    }
}
