#!/usr/bin/env python3
"""Markdown tables of a finished study folder for its results page (docs/results/*.md): per grid cell the model
metrics, the NCE normaliser and the samplers' diagnostics over the seeds, then every claim's verdict.
Usage: python3 docs/examples/study-summary.py RESULTS_FOLDER"""
import glob, json, os, statistics as st, sys

folder = sys.argv[1]
cells = {}
for path in sorted(glob.glob(os.path.join(folder, "runs", "*", "metrics.json"))):
    run = json.load(open(os.path.join(os.path.dirname(path), "run.json")))
    if run.get("status") != "OK":
        continue
    key = ", ".join(f"{k.split('.')[-1]} {v}" for k, v in sorted(run["gridPoint"].items()))
    cells.setdefault(key, []).append(json.load(open(path)))

def ms(values, fmt="{:.1f}"):
    return fmt.format(st.mean(values)) + (" ± " + fmt.format(st.stdev(values)) if len(values) > 1 else "")

def rng(values, fmt="{:.0f}"):
    return fmt.format(min(values)) + ("-" + fmt.format(max(values)) if max(values) != min(values) else "")

print("| cell | n | NLL | KL | RE | best epoch | NCE accuracy | log Z (sd over seeds) | log Z ESS | flagged |")
print("|---|---|---|---|---|---|---|---|---|---|")
for key, runs in cells.items():
    m = [r["model"] for r in runs]
    ess = [x["nce_log_z_ess"] for x in m]
    print(f"| {key} | {len(m)} | {ms([x['nll'] for x in m])} | {ms([x['kl'] for x in m])} | {ms([x['re'] for x in m])} "
          f"| {ms([x['best_epoch'] for x in m], '{:.0f}')} | {rng([x['nce_accuracy'] for x in m], '{:.3f}')} "
          f"| {ms([x['nce_log_z'] for x in m], '{:.2f}')} | {rng(ess)} | {sum(e < 100 for e in ess)} |")
print()
print("| cell | SIR passed | SIR ESS | Langevin passed | Langevin steps | Langevin R-hat | MALA passed | MALA steps | MALA R-hat |")
print("|---|---|---|---|---|---|---|---|---|")
for key, runs in cells.items():
    s = lambda name, metric: [r["samplers"][name][metric] for r in runs]
    print(f"| {key} | {int(sum(s('sir', 'converged')))}/{len(runs)} | {rng(s('sir', 'ess'))} "
          f"| {int(sum(s('langevin', 'converged')))}/{len(runs)} | {rng(s('langevin', 'steps_used'))} "
          f"| {rng(s('langevin', 'rhat'), '{:.3f}')} | {int(sum(s('mala', 'converged')))}/{len(runs)} "
          f"| {rng(s('mala', 'steps_used'))} | {rng(s('mala', 'rhat'), '{:.3f}')} |")
claims = os.path.join(folder, "claims.json")
if os.path.exists(claims):
    print()
    print("| claim | verdict | p (adjusted) | note |")
    print("|---|---|---|---|")
    for c in json.load(open(claims)):
        p = c.get("pAdjusted")
        note = (c.get("note") or "").replace("|", "/")
        print(f"| {c['id']} | {c['verdict']} | {'' if p is None or p != p else f'{p:.3g}'} | {note[:160]} |")
