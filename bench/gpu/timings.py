#!/usr/bin/env python3
"""Where a study's time went: the mean, min and max of every timing over its finished runs (timings.json), and
how many runs finished. Usage: timings.py STUDY_FOLDER [...]. Standard library only (runs on the GPU machine)."""
import glob
import json
import os
import sys


def summarise(folder):
    runs = sorted(glob.glob(os.path.join(folder, "runs", "*", "timings.json")))
    print(f"{folder}: {len(runs)} finished runs")
    values = {}
    for path in runs:
        with open(path) as f:
            for key, value in json.load(f).items():
                values.setdefault(key, []).append(value)
    for key in sorted(values):
        v = values[key]
        print(f"  {key:28s} mean {sum(v) / len(v):10.3f}  min {min(v):10.3f}  max {max(v):10.3f}")


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        summarise(folder)
