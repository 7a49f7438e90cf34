"""Writes invokers.inc: for every kernel in kernels.cu, a function unpacking cuLaunchKernel's argument array."""
import re
import sys

src = open(sys.argv[1]).read()
out = []
names = []
for name, params in re.findall(r'extern "C" __global__ void (\w+)\(([^)]*)\)', src):
    args = []
    for i, p in enumerate(params.split(",")):
        p = " ".join(p.split())
        ctype = p[:p.rindex(" ")]
        args.append(f"*({ctype}*) a[{i}]")
    out.append(f"static void invoke_{name}(void** a) {{ {name}({', '.join(args)}); }}")
    names.append(name)
out.append("static Function FUNCTIONS[] = {" + ", ".join(f'{{"{n}", invoke_{n}}}' for n in names) + "};")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
