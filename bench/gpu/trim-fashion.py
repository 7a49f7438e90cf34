#!/usr/bin/env python3
"""Writes .gpu-data/fashion-mnist/: the part of Debian's Fashion-MNIST files (dataset-fashion-mnist) that
seed-fashion10 reads (the first 12,000 training and 2,000 test images and labels), with IDX headers that count
them, so the GPU machine (no network, 64 MiB per call) gets the study's data in about 6 MB. Standard library only.
Usage: bench/gpu/trim-fashion.py [SOURCE_DIR [TARGET_DIR]]"""
import gzip
import os
import struct
import sys

KEEP = {"train": 12000, "t10k": 2000}


def trim(source, target, name, keep):
    with gzip.open(os.path.join(source, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = list(struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims]))
    per_item = 1
    for d in shape[1:]:
        per_item *= d
    shape[0] = min(keep, shape[0])
    header = data[:4] + struct.pack(">" + "I" * dims, *shape)
    body = data[4 + 4 * dims:4 + 4 * dims + shape[0] * per_item]
    with open(os.path.join(target, name), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(header + body)
    return shape


def main():
    source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    target = sys.argv[2] if len(sys.argv) > 2 else ".gpu-data/fashion-mnist"
    os.makedirs(target, exist_ok=True)
    for prefix, keep in KEEP.items():
        for kind in ("images-idx3-ubyte.gz", "labels-idx1-ubyte.gz"):
            name = f"{prefix}-{kind}"
            print(name, trim(source, target, name, keep))


if __name__ == "__main__":
    main()
