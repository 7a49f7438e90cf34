#!/usr/bin/python3
"""PyTorch reference timings for the dgmbench JMH benchmarks (docs/performance.md).

The same digits beta-VAE as dev.dgmbench.models.vae.BetaVae (D=64 pixels, K=17 grey levels, M=256, L=50,
LeakyReLU 0.01, categorical pixels via log_softmax over K, loss mean(RE + beta KL), beta=1, Adam 1e-3, batch 64,
1000 training images) and the Langevin step of LangevinSampler (NCE classifier MLP L -> 256 -> 256 -> 1 on
64 latent codes, E(z) = |z|^2/2 - f(z), z <- z - (s^2/2) grad E + s xi).

Times, single-threaded (torch.set_num_threads(1)), median of repeats:
  * train_step_b64 / train_step_b1024: one fwd+bwd+Adam step on a fixed batch (JMH VaeTrainingBench.trainStep)
  * fit_epoch: 1000 images, shuffled, batch 64 (16 steps)             (JMH DigitsEpochBench.fitEpoch)
  * trainer_epoch: fit_epoch + loss terms on 1000 train + 350 validation (JMH DigitsEpochBench.trainerEpoch)
  * iwae_batch8: 8 images x K=1000 importance samples, one decoder call (JMH ImportanceNllBench.batch8)
  * langevin_autograd / langevin_derived: steps per second              (JMH LangevinStepBench.step)

Run (Debian's python3-torch; not a pyenv python):
  OMP_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_vae.py [--json results/pytorch.json]
Debian's torch calls the system libblas.so.3 for matmuls: which BLAS that is (reference netlib or OpenBLAS) is
printed, and matters a lot; select one per run with LD_LIBRARY_PATH (see docs/performance.md).
"""
import argparse
import gzip
import json
import math
import os
import platform
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

D, K, M, SEED = 64, 17, 256, 20240601
HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = os.path.join(HERE, "..", "models", "src", "main", "resources", "dev", "dgmbench", "models", "data",
                      "digits.csv.gz")


def load_digits():
    rows = []
    with gzip.open(DIGITS, "rt") as f:
        for line in f:
            if line.strip():
                rows.append([int(v) for v in line.split(",")[:D]])
    px = torch.tensor(rows, dtype=torch.long)
    x = px.float() / (K - 1)
    t = F.one_hot(px, K).float().reshape(len(rows), D * K)
    return x, t


class Vae(nn.Module):
    def __init__(self, latent):
        super().__init__()
        self.latent = latent
        self.enc1, self.enc2 = nn.Linear(D, M), nn.Linear(M, M)
        self.enc_mu, self.enc_lv = nn.Linear(M, latent), nn.Linear(M, latent)
        self.dec1, self.dec2, self.dec_out = nn.Linear(latent, M), nn.Linear(M, M), nn.Linear(M, D * K)

    def encode(self, x):
        h = F.leaky_relu(self.enc2(F.leaky_relu(self.enc1(x), 0.01)), 0.01)
        return self.enc_mu(h), self.enc_lv(h)

    def logp(self, z):
        g = F.leaky_relu(self.dec2(F.leaky_relu(self.dec1(z), 0.01)), 0.01)
        return F.log_softmax(self.dec_out(g).reshape(-1, D, K), dim=-1)

    def terms(self, x, t, eps):
        mu, lv = self.encode(x)
        z = mu + torch.exp(0.5 * lv) * eps
        re = -(self.logp(z) * t.reshape(-1, D, K)).sum((1, 2))
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(1)
        return re, kl


def median_time(fn, repeats, warmup):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), ts


def bench_vae(x, t, latent, args):
    torch.manual_seed(SEED)
    vae = Vae(latent)
    opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    xtr, ttr = x[:1000], t[:1000]
    xva, tva = x[1000:1350], t[1000:1350]
    out = {}

    def step(xb, tb, eb):
        opt.zero_grad(set_to_none=True)
        re, kl = vae.terms(xb, tb, eb)
        (re + kl).mean().backward()
        opt.step()

    for b in (64, 1024):
        xb, tb = x[:b].contiguous(), t[:b].contiguous()
        eb = torch.randn(b, latent)
        reps = 200 if b == 64 else 30
        med, _ = median_time(lambda: step(xb, tb, eb), reps, 10)
        out[f"train_step_b{b}_ms"] = med * 1e3

    def fit_epoch():
        perm = torch.randperm(1000)
        xs, ts, es = xtr[perm], ttr[perm], torch.randn(1000, latent)
        for s in range(0, 1000, 64):
            step(xs[s:s + 64], ts[s:s + 64], es[s:s + 64])

    def trainer_epoch():
        fit_epoch()
        with torch.no_grad():
            vae.terms(xtr, ttr, torch.randn(1000, latent))
            vae.terms(xva, tva, torch.randn(350, latent))

    out["fit_epoch_ms"] = median_time(fit_epoch, args.epochs, 2)[0] * 1e3
    out["trainer_epoch_ms"] = median_time(trainer_epoch, args.epochs, 2)[0] * 1e3

    if latent == 50:
        # IWAE, 8 images x K=1000 importance samples, standard-normal prior (as ImportanceWeightedNll, one chunk).
        xe, te = x[1350:1358], t[1350:1358]
        kk = 1000

        @torch.no_grad()
        def iwae():
            mu, lv = vae.encode(xe)
            mu, lv = mu.repeat_interleave(kk, 0), lv.repeat_interleave(kk, 0)
            eps = torch.randn_like(mu)
            z = mu + torch.exp(0.5 * lv) * eps
            logpx = (vae.logp(z) * te.repeat_interleave(kk, 0).reshape(-1, D, K)).sum((1, 2))
            logpz = -0.5 * (z * z + math.log(2 * math.pi)).sum(1)
            logq = -0.5 * (lv + eps * eps + math.log(2 * math.pi)).sum(1)
            w = (logpx + logpz - logq).reshape(8, kk)
            return -(torch.logsumexp(w, 1) - math.log(kk)).mean()

        out["iwae_batch8_k1000_ms"] = median_time(iwae, 20, 3)[0] * 1e3
    return out


def bench_langevin(args, latent=50, n=64, step=0.1):
    torch.manual_seed(SEED)
    layers = [nn.Linear(latent, 256), nn.Linear(256, 256), nn.Linear(256, 1)]
    net = nn.Sequential(layers[0], nn.LeakyReLU(0.01), layers[1], nn.LeakyReLU(0.01), layers[2])
    for p in net.parameters():
        p.requires_grad_(False)
    drift, diff = step * step / 2, step
    out = {}

    def run_autograd(steps):
        z = torch.randn(n, latent)
        for _ in range(steps):
            z.requires_grad_(True)
            f = net(z).squeeze(1)
            (g,) = torch.autograd.grad(f.sum(), z)
            with torch.no_grad():
                e = 0.5 * (z * z).sum(1) - f
                e.mean().item()  # as Energy.evaluate: the energies come back to the host every step
                z = z - drift * (z - g) + diff * torch.randn(n, latent)
        return z

    w1, b1, w2, b2, w3 = layers[0].weight, layers[0].bias, layers[1].weight, layers[1].bias, layers[2].weight

    @torch.no_grad()
    def run_derived(steps):
        z = torch.randn(n, latent)
        for _ in range(steps):
            a1 = F.linear(z, w1, b1)
            h1 = F.leaky_relu(a1, 0.01)
            a2 = F.linear(h1, w2, b2)
            f = F.linear(F.leaky_relu(a2, 0.01), w3, layers[2].bias).squeeze(1)
            s2 = torch.where(a2 > 0, 1.0, 0.01)
            s1 = torch.where(a1 > 0, 1.0, 0.01)
            g = ((w3 * s2) @ w2 * s1) @ w1  # [n, L]
            e = 0.5 * (z * z).sum(1) - f
            e.mean().item()
            z = z - drift * (z - g) + diff * torch.randn(n, latent)
        return z

    # check the derived gradient against autograd once
    z0 = torch.randn(n, latent, requires_grad=True)
    (ga,) = torch.autograd.grad(net(z0).sum(), z0)
    with torch.no_grad():
        a1 = F.linear(z0, w1, b1)
        a2 = F.linear(F.leaky_relu(a1, 0.01), w2, b2)
        gd = ((w3 * torch.where(a2 > 0, 1.0, 0.01)) @ w2 * torch.where(a1 > 0, 1.0, 0.01)) @ w1
    assert torch.allclose(ga, gd, atol=1e-5), "derived gradient disagrees with autograd"

    for name, fn in (("langevin_autograd", run_autograd), ("langevin_derived", run_derived)):
        fn(100)
        rates = []
        for _ in range(5):
            t0 = time.perf_counter()
            fn(args.langevin_steps)
            rates.append(args.langevin_steps / (time.perf_counter() - t0))
        out[name + "_steps_per_s"] = statistics.median(rates)
    return out


def blas_in_use():
    try:
        with open("/proc/self/maps") as f:
            libs = {line.split()[-1] for line in f if "blas" in line.lower() and line.split()[-1].startswith("/")}
        return sorted(os.path.realpath(p) for p in libs)
    except OSError:
        return []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=10, help="timed epochs (after 2 warm-up)")
    ap.add_argument("--langevin-steps", type=int, default=1000)
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    x, t = load_digits()
    res = {"torch": torch.__version__, "threads": torch.get_num_threads(), "python": platform.python_version(),
           "blas": blas_in_use(), "loadavg_before": os.getloadavg()}
    for latent in (50, 100):
        for k, v in bench_vae(x, t, latent, args).items():
            res[f"L{latent}_{k}"] = v
    res.update(bench_langevin(args))
    res["loadavg_after"] = os.getloadavg()
    for k, v in res.items():
        print(f"{k:32s} {v:.2f}" if isinstance(v, float) else f"{k:32s} {v}")
    if args.json:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        with open(args.json, "w") as f:
            json.dump(res, f, indent=2)


if __name__ == "__main__":
    main()
