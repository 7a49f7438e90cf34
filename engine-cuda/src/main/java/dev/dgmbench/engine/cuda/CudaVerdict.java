package dev.dgmbench.engine.cuda;

/**
 * What {@link CudaProbe} found: whether the cuda engine can run here, and if not, what is missing, in words.
 * GPU fields are empty (null / 0) unless a GPU was seen.
 */
public record CudaVerdict(Status status, String message, String gpuName, int capabilityMajor, int capabilityMinor,
                          long memoryBytes, int driverCudaVersion) {
    public enum Status { OK, NO_DRIVER, DRIVER_TOO_OLD, NO_RUNTIME, NO_GPU, GPU_TOO_OLD }

    public boolean ok() {
        return status == Status.OK;
    }

    static CudaVerdict refused(Status status, String message, int driverCudaVersion) {
        return new CudaVerdict(status, message, null, 0, 0, 0, driverCudaVersion);
    }
}
