/**
 * The {@code cuda} engine for NVIDIA GPUs: a {@link Device} (the GPU's {@link CudaDevice}: cuBLAS and NVRTC-compiled
 * kernels; its host twin {@link HostDevice}), the models on a device, stacked groups, the engine seam's
 * implementations and the machine check {@link CudaProbe}.
 *
 * <p>May import: the engine seam ({@code dev.dgmbench.engine}), {@code models.fused} (shared kernels' arithmetic),
 * JavaCPP's CUDA presets. Found by {@code ServiceLoader} only: nothing imports it.
 */
package dev.dgmbench.engine.cuda;
