package dev.dgmbench.engine.cuda;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter types of every kernel, read from {@code kernels.cu}, so {@link HostDevice} checks each launch's
 * arguments against the CUDA signature (a buffer of the right element type, an Integer for int, a Float for
 * float): the host tests then also vouch for what the GPU will receive.
 */
final class KernelSignatures {
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(([^)]*)\\)");
    private static final Map<Kernel, List<String>> TYPES = parse(KernelCompiler.source());

    private KernelSignatures() {
    }

    static Map<Kernel, List<String>> parse(String source) {
        Map<Kernel, List<String>> out = new EnumMap<>(Kernel.class);
        Matcher m = KERNEL.matcher(source);
        while (m.find()) {
            List<String> types = new ArrayList<>();
            for (String param : m.group(2).split(",")) {
                String p = param.trim().replaceAll("\\s+", " ");
                types.add(p.substring(0, p.lastIndexOf(' ')).replace("const ", "").replace(" *", "*"));
            }
            for (Kernel k : Kernel.values()) if (k.cudaName().equals(m.group(1))) out.put(k, types);
        }
        return out;
    }

    /** Throws if the arguments (all but the trailing total) do not fit the kernel's CUDA parameters. */
    static void check(Kernel kernel, Object[] args) {
        List<String> types = TYPES.get(kernel);
        if (types == null) throw new IllegalStateException(kernel.cudaName() + " is not in " + Kernel.SOURCE);
        if (types.size() != args.length + 1 || !types.get(types.size() - 1).equals("int")) {
            throw new IllegalArgumentException(kernel.cudaName() + " takes " + types + " (the last is total), got "
                    + args.length + " arguments");
        }
        for (int i = 0; i < args.length; i++) {
            String t = types.get(i);
            Object a = args[i];
            boolean ok = switch (t) {
                case "float*" -> a instanceof Buffer b && b.type == Buffer.Type.FLOAT;
                case "int*" -> a instanceof Buffer b && b.type == Buffer.Type.INT;
                case "double*" -> a instanceof Buffer b && b.type == Buffer.Type.DOUBLE;
                case "int" -> a instanceof Integer;
                case "float" -> a instanceof Float;
                case "double" -> a instanceof Double;
                default -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException(kernel.cudaName() + " argument " + i + " must be " + t + ", got "
                        + (a instanceof Buffer b ? "a " + b.type + " buffer" : a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
    }
}
