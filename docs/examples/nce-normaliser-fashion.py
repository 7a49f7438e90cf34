"""Offline check of the NCE normaliser of one finished seed-fashion10 run (its saved model/*.npz): log Z and ESS under
N(0, I) and the defensive aggregate-posterior mixtures (docs/validity.md). Usage: python3 nce-normaliser-fashion.py RUN_DIR [DRAWS]"""
import gzip, math, struct, sys
import numpy as np, torch
torch.set_num_threads(1)
run = sys.argv[1]
draws = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
def idx(path):
    data = gzip.open(path, "rb").read(); dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data[4 + 4 * dims:], dtype=np.uint8).reshape(shape)
tr = (idx("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.int64) * 10) // 256
x = torch.tensor(tr[:10000] / 9.0, dtype=torch.float64)
v = {k: torch.tensor(a, dtype=torch.float64) for k, a in np.load(run + "/model/vae.npz").items()}
n = {k: torch.tensor(a, dtype=torch.float64) for k, a in np.load(run + "/model/nce.npz").items()}
lk = lambda t: torch.nn.functional.leaky_relu(t, 0.01)
h = lk(lk(x @ v["enc1.w"] + v["enc1.b"]) @ v["enc2.w"] + v["enc2.b"])
mu, lv = h @ v["enc_mu.w"] + v["enc_mu.b"], h @ v["enc_lv.w"] + v["enc_lv.b"]
L = mu.shape[1]
def f(z):
    return (lk(lk(z @ n["nce0.w"] + n["nce0.b"]) @ n["nce1.w"] + n["nce1.b"]) @ n["nce_out.w"] + n["nce_out.b"]).squeeze(1)
def logp(z):
    return -0.5 * (z * z).sum(1) - 0.5 * L * math.log(2 * math.pi)
def mixture(rows, smooth):
    m, var = mu[rows], lv[rows].exp()
    if smooth:
        k = len(rows); sd = m.std(0, unbiased=True)
        var = var + (k ** (-1.0 / (L + 4)) * sd) ** 2
    return m, var
def logq(z, m, var):  # log (1/K) sum_c N(z; m_c, var_c), by products
    iv = 1 / var
    quad = (z * z) @ iv.T - 2 * z @ (m * iv).T + (m * m * iv).sum(1)
    terms = -0.5 * quad - 0.5 * var.log().sum(1) - 0.5 * L * math.log(2 * math.pi)
    return torch.logsumexp(terms, 1) - math.log(len(m))
def sample(m, var, cnt, g):
    c = torch.randint(len(m), (cnt,), generator=g)
    return m[c] + var[c].sqrt() * torch.randn(cnt, L, generator=g, dtype=torch.float64)
def estimate(name, m, var, defensive, seed):
    g = torch.Generator().manual_seed(seed)
    if m is None:
        z = torch.randn(draws, L, generator=g, dtype=torch.float64); lg = logp(z)
    else:
        if defensive:
            half = draws // 2
            z = torch.cat([sample(m, var, half, g), torch.randn(draws - half, L, generator=g, dtype=torch.float64)])
            lg = torch.logaddexp(logq(z, m, var), logp(z)) - math.log(2)
        else:
            z = sample(m, var, draws, g); lg = logq(z, m, var)
    lw = logp(z) + f(z) - lg
    logZ = float(torch.logsumexp(lw, 0) - math.log(draws))
    w = (lw - lw.max()).exp(); ess = float(w.sum() ** 2 / (w * w).sum())
    return logZ, ess
fz = f(mu[:2000]); fp = f(torch.randn(2000, L, dtype=torch.float64))
print(f"{run.split('/')[-1]}: f on posterior means: median {fz.median():.1f}, max {fz.max():.1f}; f on N(0,I): median {fp.median():.1f}")
perm = torch.randperm(10000, generator=torch.Generator().manual_seed(0))
cases = [("N(0,I)", None, None, False),
         ("defensive smoothed 1024 (current)",) + mixture(perm[:1024], True) + (True,),
         ("defensive smoothed 10000",) + mixture(torch.arange(10000), True) + (True,),
         ("defensive unsmoothed 10000",) + mixture(torch.arange(10000), False) + (True,),
         ("defensive unsmoothed 1024",) + mixture(perm[:1024], False) + (True,)]
for name, m, var, d in cases:
    res = [estimate(name, m, var, d, s) for s in (1, 2, 3)]
    print(f"  {name:36s} log Z " + " ".join(f"{r[0]:7.2f}" for r in res) + "   ESS " + " ".join(f"{r[1]:7.0f}" for r in res), flush=True)
