package dev.dgmbench.engine.cuda;

/** The work buffers of one VAE pass over {@code members} stacked models and up to {@code capacity} rows each. */
final class VaeWork {
    final int members, capacity;
    final Buffer[] encAct, encDelta, decAct, decDelta;
    final Buffer eps, sd, levels, pix, logp, kl, klmc;

    VaeWork(Device device, DenseLayers encoder, DenseLayers decoder, VaeDims dims, int members, int capacity) {
        this.members = members;
        this.capacity = capacity;
        encAct = encoder.workBuffers(members, capacity);
        encDelta = encoder.workBuffers(members, capacity);
        decAct = decoder.workBuffers(members, capacity);
        decDelta = decoder.workBuffers(members, capacity);
        long rows = (long) members * capacity;
        eps = device.floats(rows * dims.latent());
        sd = device.floats(rows * dims.latent());
        levels = device.ints(rows * dims.pixels());
        pix = device.doubles(rows * dims.pixels());
        logp = device.doubles(rows);
        kl = device.doubles(rows);
        klmc = device.doubles(rows);
    }

    void free(Device device) {
        for (Buffer[] group : new Buffer[][]{encAct, encDelta, decAct, decDelta}) {
            for (Buffer b : group) device.free(b);
        }
        for (Buffer b : new Buffer[]{eps, sd, levels, pix, logp, kl, klmc}) device.free(b);
    }
}
