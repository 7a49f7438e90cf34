#!/usr/bin/env python3
"""The PyTorch side of the study-level comparison (issue 15): the runs of seed-digits or seed-fashion10 as a PyTorch
user would run them, one process per run, P processes at a time sharing the GPU, timed as a whole.

Per run, the same work as a dgmbench run except the sample-quality metrics (which dgmbench computes on the CPU):
  * beta-VAE: MLP D -> 256 -> 256 -> 2L and L -> 256 -> 256 -> D*K, LeakyReLU 0.01, categorical pixels, loss mean(RE
    + beta KL), Adam 1e-3, batch 64, early stopping on the validation loss (patience 20, at most 300 epochs), the
    best weights restored; validation loss measured every epoch, and the training loss on as many training images
    (dgmbench records both)
  * importance-weighted NLL, K = 1000, on the test split, under N(0, I) and under the NCE prior
  * NCE classifier L -> 256 -> 256 -> 1 of posterior codes against N(0, I) draws (Adam 1e-3, batch 128, patience 10,
    at most 100 epochs), its normaliser Z from 20,000 draws
  * samplers on 512 chains: Langevin and MALA (200 burn-in steps adapting the step, 600 more), SIR (200,000
    proposals), each decoded to images
Splits as the specs': digits 1000 / 350 / 447 in file order (17 levels); Fashion-MNIST the first 10,000 / 2,000
training images and the first 2,000 test images, levels floor(v * 10 / 256). FP32, TF32 off.

Run: python3 bench/gpu/pytorch_study.py --study digits|fashion10 [--processes P] [--device cuda|cpu] [--quick]
     [--runs N] [--seeds 1,2,3,4,5] [--json out.json] [--no-samplers] [--no-nll] [--csv reference.csv]
     (--quick: tiny settings, for a smoke test on a CPU; --csv: a reference table for a spec's `reference:`)
"""
import argparse
import gzip
import json
import math
import os
import struct
import time

import torch
import torch.multiprocessing as mp
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DIGITS = os.path.join(ROOT, "models/src/main/resources/dev/dgmbench/models/data/digits.csv.gz")
FASHION = os.environ.get("FASHION_DIR", "/usr/share/datasets/fashion-mnist")
HIDDEN, SLOPE = 256, 0.01


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def load(study, quick):
    """(train, validation, test) as grey-level tensors [n, D] (long), and the number of levels K."""
    if study == "digits":
        with gzip.open(DIGITS, "rt") as f:
            rows = [[int(v) for v in line.split(",")[:64]] for line in f if line.strip()]
        levels, x, split = 17, torch.tensor(rows), (1000, 350, 447)
        train, val, test = x[:split[0]], x[split[0]:split[0] + split[1]], x[split[0] + split[1]:sum(split)]
    else:
        tr = (idx(os.path.join(FASHION, "train-images-idx3-ubyte.gz")).reshape(-1, 784).long() * 10) // 256
        te = (idx(os.path.join(FASHION, "t10k-images-idx3-ubyte.gz")).reshape(-1, 784).long() * 10) // 256
        levels, train, val, test = 10, tr[:10000], tr[10000:12000], te[:2000]
    if quick:
        train, val, test = train[:256], val[:64], test[:32]
    return train, val, test, levels


def mlp(widths):
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(nn.LeakyReLU(SLOPE))
    return nn.Sequential(*layers)


class Vae(nn.Module):
    def __init__(self, d, k, latent, beta):
        super().__init__()
        self.d, self.k, self.latent, self.beta = d, k, latent, beta
        self.enc = mlp([d, HIDDEN, HIDDEN, 2 * latent])
        self.dec = mlp([latent, HIDDEN, HIDDEN, d * k])

    def posterior(self, x):
        mu, logvar = self.enc(x).chunk(2, dim=1)
        return mu, logvar

    def log_px(self, z, t):  # log p(x|z) per row; t [n, D] grey levels
        logits = self.dec(z).view(-1, self.d, self.k)
        return torch.gather(F.log_softmax(logits, dim=2), 2, t.unsqueeze(2)).squeeze(2).sum(1)

    def terms(self, x, t):  # (RE, KL) per row
        mu, logvar = self.posterior(x)
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        kl = 0.5 * (mu.pow(2) + logvar.exp() - 1 - logvar).sum(1)
        return -self.log_px(z, t), kl


class EarlyStopping:
    """Keeps the best weights (on the device) by validation loss; says when patience has run out."""

    def __init__(self, module, patience):
        self.module, self.patience, self.best_loss, self.wait, self.best = module, patience, math.inf, 0, None
        self.epoch, self.best_epoch = 0, 0

    def stop(self, loss):
        self.epoch += 1
        if loss < self.best_loss:
            self.best_loss, self.wait, self.best_epoch = loss, 0, self.epoch
            self.best = {n: p.detach().clone() for n, p in self.module.state_dict().items()}
            return False
        self.wait += 1
        return self.wait >= self.patience

    def restore(self):
        self.module.load_state_dict(self.best)


def train_vae(vae, train, val, k, cfg, dev):
    opt = torch.optim.Adam(vae.parameters(), lr=1e-3)
    xs, vx = train.float().to(dev) / (k - 1), val.float().to(dev) / (k - 1)
    ts, vt = train.to(dev), val.to(dev)
    stopping, epochs = EarlyStopping(vae, cfg["patience"]), 0
    for epoch in range(cfg["max_epochs"]):
        epochs += 1
        vae.train()
        for idx_ in torch.randperm(len(xs), device=dev).split(64):
            re, kl = vae.terms(xs[idx_], ts[idx_])
            loss = (re + vae.beta * kl).mean()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():
            m = min(len(xs), len(vx))  # the training loss of the epoch, as dgmbench records it: the first |val| images
            re, kl = vae.terms(xs[:m], ts[:m])
            float((re + vae.beta * kl).mean())
            re, kl = vae.terms(vx, vt)
            v = float((re + vae.beta * kl).mean())
        if stopping.stop(v):
            break
    stopping.restore()
    return epochs, stopping.best_epoch


@torch.no_grad()
def elbo_terms(vae, data, k, dev, draws=10):
    """Mean RE and closed-form KL per test image (the suite's `re` and `kl`), over `draws` noise draws."""
    x, t = data.float().to(dev) / (k - 1), data.to(dev)
    re, kl = 0.0, 0.0
    for _ in range(draws):
        r, q = vae.terms(x, t)
        re, kl = re + float(r.mean()) / draws, kl + float(q.mean()) / draws
    return re, kl


def nce(vae, train, val, k, latent, cfg, dev):
    net = mlp([latent, HIDDEN, HIDDEN, 1]).to(dev)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    @torch.no_grad()
    def codes(data):  # posterior draws (label 1) and as many N(0, I) draws (label 0), fresh each epoch
        mu, logvar = vae.posterior(data.float().to(dev) / (k - 1))
        q = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        z = torch.cat([q, torch.randn_like(q)])
        y = torch.cat([torch.ones(len(q), device=dev), torch.zeros(len(q), device=dev)])
        return z, y

    vz, vy = codes(val)
    stopping = EarlyStopping(net, cfg["nce_patience"])
    for epoch in range(cfg["nce_epochs"]):
        z, y = codes(train)
        for idx_ in torch.randperm(len(z), device=dev).split(128):
            loss = F.binary_cross_entropy_with_logits(net(z[idx_]).squeeze(1), y[idx_])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        with torch.no_grad():
            v = float(F.binary_cross_entropy_with_logits(net(vz).squeeze(1), vy))
        if stopping.stop(v):
            break
    stopping.restore()
    with torch.no_grad():
        log_z = float(torch.logsumexp(net(torch.randn(20000, latent, device=dev)).squeeze(1), 0) - math.log(20000))
    return net, log_z


def nll(vae, net, log_z, test, k, kk, dev):
    """Mean IWAE NLL over the test split under N(0, I) and under the NCE prior (the same importance samples)."""
    total, total_nce, chunk = 0.0, 0.0, 50
    with torch.no_grad():
        for t in test.to(dev).split(chunk):
            n = len(t)
            mu, logvar = vae.posterior(t.float() / (k - 1))
            sd = torch.exp(0.5 * logvar)
            eps = torch.randn(kk, n, vae.latent, device=dev)
            z = mu + sd * eps
            log_q = (-0.5 * eps.pow(2) - 0.5 * logvar - 0.5 * math.log(2 * math.pi)).sum(2)
            log_p = (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).sum(2)
            log_px = vae.log_px(z.reshape(-1, vae.latent), t.repeat(kk, 1)).view(kk, n)
            w = log_px + log_p - log_q
            total -= float((torch.logsumexp(w, 0) - math.log(kk)).sum())
            f = net(z.reshape(-1, vae.latent)).view(kk, n)
            total_nce -= float((torch.logsumexp(w + f - log_z, 0) - math.log(kk)).sum())
    return total / len(test), total_nce / len(test)


def chains(net, latent, n, burn, steps, s, target, metropolis, dev):
    """Langevin (metropolis False: always moves; the acceptance is a proxy) or MALA, the step adapted in burn-in."""
    def energy(z):
        z = z.detach().requires_grad_(True)
        e = 0.5 * z.pow(2).sum(1) - net(z).squeeze(1)
        g, = torch.autograd.grad(e.sum(), z)
        return e.detach(), g

    z = torch.randn(n, latent, device=dev)
    e, g = energy(z)
    for t in range(burn + steps):
        prop = z - (s * s / 2) * g + s * torch.randn_like(z)
        ep, gp = energy(prop)
        fwd = (prop - (z - (s * s / 2) * g)).pow(2).sum(1)
        rev = (z - (prop - (s * s / 2) * gp)).pow(2).sum(1)
        log_alpha = e - ep - rev / (2 * s * s) + fwd / (2 * s * s)
        accept = torch.log(torch.rand(n, device=dev)) < log_alpha if metropolis else torch.ones(n, dtype=torch.bool, device=dev)
        z, e, g = torch.where(accept[:, None], prop, z), torch.where(accept, ep, e), torch.where(accept[:, None], gp, g)
        if t < burn:
            prob = float(torch.clamp(log_alpha.exp(), max=1).mean())
            s = math.exp(math.log(s) + (prob - target) / (t + 1) ** 0.6)
    return z


def sample(vae, net, latent, cfg, dev):
    out = {}
    with torch.no_grad():
        out["prior"] = torch.randn(cfg["samples"], latent, device=dev)
    out["langevin"] = chains(net, latent, cfg["samples"], cfg["burn_in"], cfg["steps"], 0.05, 0.9, False, dev)
    out["mala"] = chains(net, latent, cfg["samples"], cfg["burn_in"], cfg["steps"], 0.05, 0.574, True, dev)
    with torch.no_grad():
        pool = torch.randn(cfg["proposals"], latent, device=dev)
        w = torch.softmax(net(pool).squeeze(1), 0)
        out["sir"] = pool[torch.multinomial(w, cfg["samples"], replacement=True)]
        images = {name: vae.dec(z).view(len(z), vae.d, vae.k).argmax(2).cpu() for name, z in out.items()}
    return images


def one_run(job):
    study, beta, latent, seed, quick, device, samplers, with_nll = job
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    dev = torch.device(device)
    cfg = dict(max_epochs=300, patience=20, nce_epochs=100, nce_patience=10, k=1000, samples=512, burn_in=200,
               steps=600, proposals=200000)
    if quick:
        cfg.update(max_epochs=3, patience=2, nce_epochs=2, nce_patience=1, k=5, samples=16, burn_in=2, steps=3,
                   proposals=100)
    t0 = time.perf_counter()
    train, val, test, k = load(study, quick)
    vae = Vae(train.shape[1], k, latent, beta).to(dev)
    epochs, best_epoch = train_vae(vae, train, val, k, cfg, dev)
    t1 = time.perf_counter()
    vae.eval()
    re, kl = elbo_terms(vae, test, k, dev)
    net, log_z = nce(vae, train, val, k, latent, cfg, dev) if with_nll else (None, None)
    t2 = time.perf_counter()
    nll_std, nll_nce = nll(vae, net, log_z, test, k, cfg["k"], dev) if with_nll else (math.nan, math.nan)
    t3 = time.perf_counter()
    images = sample(vae, net, latent, cfg, dev) if samplers and with_nll else {}
    if dev.type == "cuda":
        torch.cuda.synchronize()
    t4 = time.perf_counter()
    return dict(run=f"beta={beta}_latent={latent}_seed={seed}", beta=beta, latent=latent, seed=seed, epochs=epochs,
                best_epoch=best_epoch, re=re, kl=kl, nll=nll_std, nll_nce=nll_nce,
                samples=sum(len(v) for v in images.values()), train_seconds=t1 - t0, nce_seconds=t2 - t1,
                nll_seconds=t3 - t2, sampler_seconds=t4 - t3, total_seconds=t4 - t0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--study", choices=["digits", "fashion10"], required=True)
    ap.add_argument("--processes", type=int, default=16)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    ap.add_argument("--runs", type=int, default=0, help="only the first N runs, seed by seed (0: all 40; 8: seed 1)")
    ap.add_argument("--seeds", default="1,2,3,4,5", help="the seeds to run, comma-separated (default all five)")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--json")
    ap.add_argument("--no-samplers", action="store_true", help="skip the samplers (a reference needs no samples)")
    ap.add_argument("--no-nll", action="store_true", help="skip the NCE prior, the NLL and the samplers: KL, RE and"
                                                        " the best epoch only (the NLL is most of a CPU run)")
    ap.add_argument("--csv", help="write NLL, KL, RE and best epoch per run as a reference CSV for a spec's"
                                   " `reference:` (docs/spec.md), its header saying how and where they ran")
    a = ap.parse_args()
    # seed by seed, so the first 8 runs are one seed's grid (4 betas x 2 latent sizes), as the issue timed them
    jobs = [(a.study, beta, latent, seed, a.quick, a.device, not a.no_samplers, not a.no_nll)
            for seed in [int(x) for x in a.seeds.split(",")] for beta in (0.2, 0.5, 0.8, 1.0) for latent in (50, 100)]
    if a.runs:
        jobs = jobs[:a.runs]
    name = torch.cuda.get_device_name(0) if a.device.startswith("cuda") else "cpu"
    print(f"PyTorch {torch.__version__} on {name}: {a.study}, {len(jobs)} runs, {a.processes} processes at a time",
          flush=True)
    t0 = time.perf_counter()
    results = []
    with mp.get_context("spawn").Pool(a.processes) as pool:
        for r in pool.imap_unordered(one_run, jobs):
            results.append(r)
            print(f"  {r['run']}: {r['epochs']} epochs (best {r['best_epoch']}), NLL {r['nll']:.2f} "
                  f"(NCE prior {r['nll_nce']:.2f}), KL {r['kl']:.2f}, RE {r['re']:.2f}, "
                  f"train {r['train_seconds']:.1f} s, NCE {r['nce_seconds']:.1f} s, NLL {r['nll_seconds']:.1f} s, "
                  f"samplers {r['sampler_seconds']:.1f} s", flush=True)
    wall = time.perf_counter() - t0
    print(f"{a.study}: {len(results)} runs in {wall:.1f} s with {a.processes} processes", flush=True)
    if a.csv:
        write_reference(a, name, wall, results)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(dict(study=a.study, processes=a.processes, device=name, torch=torch.__version__,
                           wall_seconds=wall, runs=results), f, indent=1)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        return os.uname().machine


def write_reference(a, device, wall, results):
    """The runs as a reference CSV (suite/spec/ReferenceTable): grid coordinates, seed, metric, value."""
    import sys
    seeds = sorted({r["seed"] for r in results})
    metrics = ("kl", "re", "best_epoch") if a.no_nll else ("nll", "kl", "re", "best_epoch")
    with open(a.csv + ".tmp", "w") as f:
        f.write(f"# {a.study}: per-run {'' if a.no_nll else 'test NLL (K = 1000), '}KL and RE (closed-form KL and the"
                f" reconstruction term,\n"
                f"# 10 noise draws per test image) and best epoch of the independent PyTorch implementation\n"
                f"# bench/gpu/pytorch_study.py (same protocol as the spec; PyTorch's default nn.Linear initialisation).\n"
                f"# Command: python3 {' '.join(sys.argv)}\n"
                f"# Machine: PyTorch {torch.__version__} on {device} ({cpu_model()}), FP32,"
                f" one thread per process, {a.processes} process(es); {len(results)} runs in {wall:.0f} s.\n"
                f"# Seeds {', '.join(map(str, seeds))}: {len(seeds)} per cell.\n")
        f.write("model.beta,model.latent,seed,metric,value\n")
        for r in sorted(results, key=lambda r: (r["beta"], r["latent"], r["seed"])):
            for m in metrics:
                f.write(f"{r['beta']},{r['latent']},{r['seed']},{m},{r[m]:.4f}\n")
    os.replace(a.csv + ".tmp", a.csv)


if __name__ == "__main__":
    main()
