"""Independent check of the suite's SMC normaliser (models/.../prior/SmcNormaliser, docs/validity.md) on one finished
run's saved NCE classifier (runs/<id>/model/nce.npz): R replicates of N particles from N(0, I) through K tempered
priors N(0, I) e^{t f}, t = (k/K)^4, one MALA step each (step adapted per particle toward acceptance 0.6), resampled
(systematic) when a replicate's ESS falls below N/2. PyTorch in float64 with its own random numbers, so it agrees
with the suite within the estimate's error, not bit for bit.
Usage: /usr/bin/python3 nce-normaliser-smc.py RUN_DIR [PARTICLES=256] [REPLICATES=4] [TEMPERATURES=1000]
Prints each replicate's log Z, the estimate log mean Z_r, the replicates' sd, each replicate's final ESS and how often
it was resampled, and the particles' weighted mean norm |z| (where the tilted prior's mass lies)."""
import numpy as np, torch, sys, math, time, os
torch.set_num_threads(1)
def load(run):
    d=np.load(os.path.join(run,'model','nce.npz'))
    names=sorted({k.split('.')[0] for k in d.files if k!='nce_out.w' and k!='nce_out.b'})+['nce_out']
    W=[(torch.tensor(d[f'{n}.w']).double(),torch.tensor(d[f'{n}.b']).double()) for n in names]
    def f(z):
        h=z
        for i,(w,b) in enumerate(W):
            h=h@w+b
            if i<len(W)-1: h=torch.nn.functional.leaky_relu(h,0.01)  # the suite's LeakyReLU slope
        return h[:,0]
    return f, W[0][0].shape[0]
def fgrad(f,z):
    z=z.detach().requires_grad_(True); v=f(z); g,=torch.autograd.grad(v.sum(),z); return v.detach(),g
def lse(x): m=x.max(); return m+torch.log(torch.exp(x-m).sum())
def smc(f,L,N,K,gen,power=4,resample_frac=0.5,moves=1):
    z=torch.randn(N,L,generator=gen,dtype=torch.float64)
    fz,g=fgrad(f,z); logW=torch.zeros(N,dtype=torch.float64); logZ=0.0; step=torch.full((N,),0.5,dtype=torch.float64); prev=0.0; nres=0
    for k in range(1,K+1):
        t=(k/K)**power
        inc=(t-prev)*fz; prev=t
        logZ += (lse(logW+inc)-lse(logW)).item()
        logW=logW+inc
        w=torch.exp(logW-logW.max()); ess=(w.sum()**2/(w*w).sum()).item()
        if ess<resample_frac*N and k<K:
            p=w/w.sum(); u=(torch.rand(1,generator=gen,dtype=torch.float64)+torch.arange(N,dtype=torch.float64))/N
            idx=torch.searchsorted(torch.cumsum(p,0),u).clamp(max=N-1)
            z,fz,g,step=z[idx],fz[idx],g[idx],step[idx]; logW=torch.zeros(N,dtype=torch.float64); nres+=1
        for _ in range(moves):
            s=step[:,None]
            y=z+0.5*s*s*(t*g-z)+s*torch.randn(N,L,generator=gen,dtype=torch.float64)
            fy,gy=fgrad(f,y)
            fw=((y-z-0.5*s*s*(t*g-z))**2).sum(1); bw=((z-y-0.5*s*s*(t*gy-y))**2).sum(1)
            la=(-0.5*(y*y).sum(1)+t*fy)-(-0.5*(z*z).sum(1)+t*fz)+(fw-bw)/(2*step**2)
            a=torch.exp(la.clamp(max=0)); acc=torch.rand(N,generator=gen,dtype=torch.float64)<a
            z=torch.where(acc[:,None],y,z); g=torch.where(acc[:,None],gy,g); fz=torch.where(acc,fy,fz)
            step=step*torch.exp(0.05*(a-0.6))
    w=torch.exp(logW-logW.max()); ess=(w.sum()**2/(w*w).sum()).item()
    p=torch.exp(logW-logW.max()); p=p/p.sum()
    norm=(p*z.norm(dim=1)).sum().item()   # where the tilted prior's mass is: |z| under the final weights
    return logZ, ess, nres, norm
run=sys.argv[1].rstrip('/'); a=sys.argv[2:]+[None]*3
N=int(a[0] or 256); R=int(a[1] or 4); K=int(a[2] or 1000)
f,L=load(run)
gen=torch.Generator().manual_seed(7)
t0=time.time()
res=[smc(f,L,N,K,gen) for r in range(R)]
lz=np.array([r[0] for r in res])
m=lz.max(); est=m+math.log(np.mean(np.exp(lz-m)))
print(os.path.basename(run),N,R,K,'logZ_r',np.round(lz,3),'est %.3f sd %.3f'%(est,lz.std(ddof=1)),'ess',[round(r[1]) for r in res],'nres',[r[2] for r in res],'mean |z| %.1f (N(0, I): %.1f)'%(np.mean([r[3] for r in res]),math.sqrt(L)),'%.0fs'%(time.time()-t0))
