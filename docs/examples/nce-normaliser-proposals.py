#!/usr/bin/env python3
"""Effective sample size and log Z of the NCE normaliser under three proposals (N(0, I); the defensive mixture of the
aggregate posterior and N(0, I); the same with the aggregate posterior smoothed by Scott's bandwidth), on the trained
models of a `quick` run (docs/validity.md, issue 23). NumPy re-implementation, three repeats with fresh draws.

Run: python3 docs/examples/nce-normaliser-proposals.py results/quick
"""
import numpy as np, gzip, sys, os
from scipy.special import logsumexp
rows=[l.split(',') for l in gzip.open(os.path.join(os.path.dirname(os.path.abspath(__file__)),'../../models/src/main/resources/dev/dgmbench/models/data/digits.csv.gz'),'rt').read().strip().split('\n')]
X=np.array([[float(v) for v in r[:64]] for r in rows],dtype=np.float32)[:1000]/16.0
leaky=lambda a: np.where(a>0,a,0.01*a)
def run(beta,seed,n=20000):
    d=f'{sys.argv[1]}/runs/beta={beta}_seed={seed}/model/'
    m=np.load(d+'vae.npz'); c=np.load(d+'nce.npz')
    h=leaky(leaky(X@m['enc1.w']+m['enc1.b'])@m['enc2.w']+m['enc2.b'])
    mu=(h@m['enc_mu.w']+m['enc_mu.b']).astype(np.float64); lv=(h@m['enc_lv.w']+m['enc_lv.b']).astype(np.float64)
    L=mu.shape[1]
    names=sorted([k[:-2] for k in c.files if k.endswith('.w')], key=lambda s:(s=='nce_out', s))
    def f(z):
        a=z.astype(np.float32)
        for i,nm in enumerate(names):
            a=a@c[nm+'.w']+c[nm+'.b']
            if i<len(names)-1: a=leaky(a)
        return a[:,0].astype(np.float64)
    rng=np.random.default_rng(seed)
    logp=lambda z: -0.5*(z**2).sum(1)-0.5*L*np.log(2*np.pi)
    def mix_logpdf(z,M,V):
        out=[]
        for i in range(0,len(z),500):
            zz=z[i:i+500]
            t=-0.5*(((zz[:,None,:]-M[None])**2)/V[None]).sum(2)-0.5*np.log(V).sum(1)[None]-0.5*L*np.log(2*np.pi)
            out.append(logsumexp(t,1)-np.log(len(M)))
        return np.concatenate(out)
    def mix_sample(M,V,k):
        idx=rng.integers(len(M),size=k); return M[idx]+np.sqrt(V[idx])*rng.standard_normal((k,L))
    V=np.exp(lv)
    def est(parts, name):
        # parts: list of (weight, sampler(k), logpdf(z))
        ws=np.array([p[0] for p in parts]); ks=rng.multinomial(n,ws)
        z=np.concatenate([p[1](k) for p,k in zip(parts,ks) if k>0])
        lg=logsumexp(np.stack([np.log(p[0])+p[2](z) for p in parts]),0)
        lw=logp(z)+f(z)-lg
        w=np.exp(lw-lw.max()); ess=w.sum()**2/(w**2).sum()
        print(f'  {name:28s} logZ {lw.max()+np.log(w.mean()):8.3f} ESS {ess:8.1f}')
    P=(1.0,lambda k: rng.standard_normal((k,L)), logp)
    Q=(1.0,lambda k: mix_sample(mu,V,k), lambda z: mix_logpdf(z,mu,V))
    print(beta,seed,'L',L,'posterior sd median',np.median(np.sqrt(V)),'mu sd',mu.std(0).mean())
    hs=len(mu)**(-1.0/(L+4))*mu.std(0,ddof=1)
    Sc=(1.0,lambda k: mix_sample(mu,V+hs**2,k), lambda z: mix_logpdf(z,mu,V+hs**2))
    for rep in range(3):
        est([P],'prior')
        est([(0.5,)+Q[1:],(0.5,)+P[1:]],'0.5q+0.5p')
        est([(0.5,)+Sc[1:],(0.5,)+P[1:]],'0.5q_scott+0.5p')
for b,s in [(0.2,1),(0.2,2),(0.2,3),(1.0,1),(1.0,2),(1.0,3)]:
    run(b,s)
