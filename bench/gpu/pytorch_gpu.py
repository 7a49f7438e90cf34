#!/usr/bin/env python3
"""PyTorch on CUDA: the same timings as the cuda engine's CudaBench (bench/gpu/gpu-session.sh runs both).

Synthetic data of the study's shapes: digits (D=64 pixels, K=17 levels) and Fashion-MNIST-10 (D=784, K=10), both
M=256 hidden, L=50 latent, LeakyReLU 0.01, categorical pixels (log-softmax over K), loss mean(RE + beta KL), Adam 1e-3,
batch 64. FP32 with TF32 off. Each figure is the median of 5 timed repeats after a warm-up, synchronised.
  * train step, batch 64 (in an epoch of 50 steps)
  * epoch of 1000 / 10000 rows, one model (nn.Linear layers, as a user would write it)
  * epoch of 10000 rows for a group of 5 / 20 / 40 models trained at once (weights [G, in, out], batched products)
  * IWAE K=1000: encode the images, decode K codes each in chunks of 8 images, log p(x|z) per code
  * Langevin on 512 codes with the NCE classifier L -> 256 -> 256 -> 1, gradient by autograd, steps per second
  * FP32 product throughput (one 8192 x 8192 x 8192 product): the rate `dgmbench floor --gflops` divides a study's
    product FLOP by, for its arithmetic floor on this GPU

Run: python3 bench/gpu/pytorch_gpu.py [--quick] [--json out.json]
"""
import argparse
import json
import math
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

M, L, BATCH = 256, 50, 64
SHAPES = (("digits", 64, 17), ("fashion", 784, 10))


class StackedVae(nn.Module):
    """G beta-VAEs of one shape: each layer's weights [G, in, out], products batched over members."""

    def __init__(self, g, d, k):
        super().__init__()
        self.d, self.k = d, k
        widths = [(d, M), (M, M), (M, 2 * L), (L, M), (M, M), (M, d * k)]
        self.w = nn.ParameterList([nn.Parameter(torch.randn(g, i, o) * (1 / math.sqrt(i))) for i, o in widths])
        self.b = nn.ParameterList([nn.Parameter(torch.zeros(g, 1, o)) for _, o in widths])

    def mlp(self, h, first):
        for i in range(first, first + 3):
            h = torch.baddbmm(self.b[i], h, self.w[i])
            if i < first + 2:
                h = F.leaky_relu(h, 0.01)
        return h

    def loss(self, x, t, eps):  # x [G, B, D], t [G, B, D] levels, eps [G, B, L]
        enc = self.mlp(x, 0)
        mu, lv = enc[..., :L], enc[..., L:]
        z = mu + torch.exp(0.5 * lv) * eps
        logits = self.mlp(z, 3).reshape(*z.shape[:2], self.d, self.k)
        logp = torch.gather(F.log_softmax(logits, -1), -1, t.unsqueeze(-1)).squeeze(-1).sum(-1)
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(-1)
        return (-logp + kl).mean(1).sum()  # members are independent: the sum's gradient is each member's own


class Vae(nn.Module):
    def __init__(self, d, k):
        super().__init__()
        self.d, self.k = d, k
        self.enc = nn.Sequential(nn.Linear(d, M), nn.LeakyReLU(0.01), nn.Linear(M, M), nn.LeakyReLU(0.01),
                                 nn.Linear(M, 2 * L))
        self.dec = nn.Sequential(nn.Linear(L, M), nn.LeakyReLU(0.01), nn.Linear(M, M), nn.LeakyReLU(0.01),
                                 nn.Linear(M, d * k))

    def logp(self, z, t):
        logits = self.dec(z).reshape(-1, self.d, self.k)
        return torch.gather(F.log_softmax(logits, -1), -1, t.unsqueeze(-1)).squeeze(-1).sum(-1)

    def loss(self, x, t, eps):
        enc = self.enc(x)
        mu, lv = enc[:, :L], enc[:, L:]
        z = mu + torch.exp(0.5 * lv) * eps
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(-1)
        return (-self.logp(z, t) + kl).mean()


def sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def median(fn, repeats):
    fn()
    sync()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        sync()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def product_gflops(n, dev, repeats):
    """FP32 GFLOP/s of one n x n x n product (2 n^3 FLOP)."""
    a, b = torch.randn(n, n, device=dev), torch.randn(n, n, device=dev)
    return 2 * n ** 3 / median(lambda: torch.mm(a, b), repeats) / 1e9


def data(n, d, k, dev):
    x = torch.rand(n, d, device=dev)
    return x, (x * k).long().clamp(max=k - 1)


def epoch_single(d, k, n, dev, repeats):
    vae = Vae(d, k).to(dev)
    opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    x, t = data(n, d, k, dev)

    def run():
        perm = torch.randperm(n, device=dev)
        eps = torch.randn(n, L, device=dev)
        for s in range(0, n, BATCH):
            idx = perm[s:s + BATCH]
            opt.zero_grad(set_to_none=True)
            vae.loss(x[idx], t[idx], eps[idx]).backward()
            opt.step()
    return median(run, repeats)


def epoch_group(d, k, n, g, dev, repeats):
    vae = StackedVae(g, d, k).to(dev)
    opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    x, t = data(n, d, k, dev)

    def run():
        perm = torch.stack([torch.randperm(n, device=dev) for _ in range(g)])  # each member its own order
        eps = torch.randn(g, n, L, device=dev)
        for s in range(0, n, BATCH):
            idx = perm[:, s:s + BATCH]
            opt.zero_grad(set_to_none=True)
            vae.loss(x[idx], t[idx], torch.gather(eps, 1, idx.unsqueeze(-1).expand(-1, -1, L))).backward()
            opt.step()
    return median(run, repeats)


def iwae(d, k, images, kk, dev, repeats):
    vae = Vae(d, k).to(dev)
    x, t = data(images, d, k, dev)

    @torch.no_grad()
    def run():
        enc = vae.enc(x)
        for s in range(0, images, 8):
            b = min(images, s + 8) - s
            mu, lv = enc[s:s + b, :L].repeat_interleave(kk, 0), enc[s:s + b, L:].repeat_interleave(kk, 0)
            eps = torch.randn_like(mu)
            z = mu + torch.exp(0.5 * lv) * eps
            logpx = vae.logp(z, t[s:s + b].repeat_interleave(kk, 0))
            logpz = -0.5 * (z * z + math.log(2 * math.pi)).sum(1)
            logq = -0.5 * (lv + eps * eps + math.log(2 * math.pi)).sum(1)
            (torch.logsumexp((logpx + logpz - logq).reshape(b, kk), 1) - math.log(kk)).tolist()
    return median(run, repeats)


def langevin(n, steps, dev, repeats):
    net = nn.Sequential(nn.Linear(L, M), nn.LeakyReLU(0.01), nn.Linear(M, M), nn.LeakyReLU(0.01), nn.Linear(M, 1)).to(dev)
    for p in net.parameters():
        p.requires_grad_(False)
    drift, diffusion = 0.05 * 0.05 / 2, 0.05

    def run():
        z = torch.randn(n, L, device=dev)
        for _ in range(steps):
            z.requires_grad_(True)
            (g,) = torch.autograd.grad(net(z).sum(), z)
            with torch.no_grad():
                z = z - drift * (z - g) + diffusion * torch.randn_like(z)
        return z
    return median(run, repeats)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="tiny sizes (a smoke test)")
    ap.add_argument("--json", help="also write the results here")
    ap.add_argument("--device", default="cuda", help="cuda; cpu only to smoke-test this script")
    args = ap.parse_args()
    if args.device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("no CUDA device visible to PyTorch")
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_float32_matmul_precision("highest")
    dev = torch.device(args.device)
    torch.manual_seed(1)
    q = args.quick
    reps = 1 if q else 5
    rows = []

    def report(shape, what, value, unit):
        line = f"{shape:8s} | {what:42s} | {value:.3f} {unit}" if value < 10 else f"{shape:8s} | {what:42s} | {value:.1f} {unit}"
        print(line, flush=True)
        rows.append({"shape": shape, "what": what, "value": value, "unit": unit})

    gpu = torch.cuda.get_device_name(0) if args.device == "cuda" else "cpu"
    print(f"torch {torch.__version__}, {gpu}, TF32 off")
    report("gemm", "FP32 product throughput, 8192^3 (floor --gflops)", product_gflops(256 if q else 8192, dev, reps), "GFLOP/s")
    for name, d, k in SHAPES:
        report(name, "train step, batch 64 (in an epoch)", epoch_single(d, k, 128 if q else BATCH * 50, dev, reps)
               / (2 if q else 50) * 1e3, "ms")
        for n in ((128,) if q else (1000, 10000)):
            report(name, f"epoch of {n} rows, 1 model", epoch_single(d, k, n, dev, reps) * 1e3, "ms")
        n = 128 if q else 10000
        for g in ((2,) if q else (5, 20, 40)):
            t = epoch_group(d, k, n, g, dev, reps)
            report(name, f"epoch of {n} rows, group of {g}", t * 1e3, f"ms ({t / g * 1e3:.3f} ms per model)")
        kk = 10 if q else 1000
        for images in ((3,) if q else (447, 2000)):
            report(name, f"IWAE K={kk} decoder pass, {images} images", iwae(d, k, images, kk, dev, reps), "s")
    codes, steps = (16, 5) if q else (512, 100)
    report("nce", f"Langevin, {codes} codes, steps per second", steps / langevin(codes, steps, dev, reps), "")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"torch": torch.__version__, "gpu": gpu, "rows": rows}, f, indent=2)


if __name__ == "__main__":
    main()
