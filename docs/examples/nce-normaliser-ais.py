"""Prototype of annealed importance sampling for Z = E_{N(0,I)}[e^f] of a saved NCE classifier (docs/validity.md):
p e^{t f}, t from 0 to 1, one MALA step per t. Usage: python3 nce-normaliser-ais.py RUN_DIR|linear CHAINS TEMPERATURES"""
import math, sys
import numpy as np, torch
torch.set_num_threads(1)
def load(path):
    n = {k: torch.tensor(a, dtype=torch.float64) for k, a in np.load(path).items()}
    lk = lambda t: torch.nn.functional.leaky_relu(t, 0.01)
    return n["nce0.w"].shape[0], lambda z: (lk(lk(z @ n["nce0.w"] + n["nce0.b"]) @ n["nce1.w"] + n["nce1.b"]) @ n["nce_out.w"] + n["nce_out.b"]).squeeze(1)
def ais(L, f, chains, temps, seed, power=4):
    g = torch.Generator().manual_seed(seed)
    t = torch.linspace(0, 1, temps + 1, dtype=torch.float64) ** power
    z = torch.randn(chains, L, generator=g, dtype=torch.float64)
    logw = torch.zeros(chains, dtype=torch.float64)
    step = torch.full((chains, 1), 0.5, dtype=torch.float64)
    def logpi(z, b):
        z = z.detach().requires_grad_(True)
        fz = f(z)
        lp = -0.5 * (z * z).sum(1) + b * fz
        gr, = torch.autograd.grad(lp.sum(), z)
        return lp.detach(), gr, fz.detach()
    lp, gr, fz = logpi(z, 0.0)
    acc_sum = 0
    for k in range(1, temps + 1):
        b = float(t[k])
        logw += (t[k] - t[k - 1]) * fz
        lp, gr, fz = logpi(z, b)
        # one MALA step targeting p e^{b f}, per-chain step adapted toward 0.6 acceptance
        prop = z + 0.5 * step ** 2 * gr + step * torch.randn(z.shape, generator=g, dtype=torch.float64)
        lp2, gr2, fz2 = logpi(prop, b)
        fwd = -((prop - z - 0.5 * step ** 2 * gr) ** 2).sum(1) / (2 * step.squeeze(1) ** 2)
        bwd = -((z - prop - 0.5 * step ** 2 * gr2) ** 2).sum(1) / (2 * step.squeeze(1) ** 2)
        a = (lp2 - lp + bwd - fwd).clamp(max=0).exp()
        acc = torch.rand(chains, generator=g, dtype=torch.float64) < a
        z = torch.where(acc[:, None], prop, z); lp = torch.where(acc, lp2, lp); fz = torch.where(acc, fz2, fz)
        gr = torch.where(acc[:, None], gr2, gr)
        step = step * torch.exp(0.05 * (a[:, None] - 0.6))
        acc_sum += float(acc.double().mean())
    logZ = float(torch.logsumexp(logw, 0) - math.log(chains))
    w = (logw - logw.max()).exp()
    return logZ, float(w.sum() ** 2 / (w * w).sum()), acc_sum / temps
if __name__ == "__main__":
    if sys.argv[1] == "linear":   # known answer: f = a.z + b, Z = exp(b + |a|^2 / 2)
        L = 50; a = torch.full((L,), 0.8, dtype=torch.float64); b0 = -3.0
        f = lambda z: z @ a + b0
        print(f"linear tilt, exact log Z {b0 + float(a @ a) / 2:.3f}")
    else:
        L, f = load(sys.argv[1] + "/model/nce.npz")
        print(sys.argv[1].split("/")[-1])
    chains, temps = int(sys.argv[2]), int(sys.argv[3])
    for s in (1, 2, 3):
        r = ais(L, f, chains, temps, s)
        print(f"  AIS {chains} chains x {temps} temperatures, seed {s}: log Z {r[0]:.3f}, ESS {r[1]:.0f}, acceptance {r[2]:.2f}", flush=True)
