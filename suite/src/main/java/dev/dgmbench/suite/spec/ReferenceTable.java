package dev.dgmbench.suite.spec;

import dev.dgmbench.results.Metric;
import dev.dgmbench.results.MetricCatalogue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Another implementation's results, read from the CSV a spec's {@code reference.file} names. Lines starting with
 * {@code #} say where the numbers come from (command, machine); the first other line is the header. Two forms:
 * per run, columns {@code seed, metric, value}, or per cell, columns {@code metric, mean, sd, n}; every other
 * column is a grid coordinate of the spec ({@code model.beta}, ...). Each problem is a bad-input error naming the
 * file and line. It lives with the spec because loading a spec checks it (as {@link DataChecks} checks the data
 * files); {@code suite/reference/Reproduction} judges the study against it.
 *
 * @param source the file as named in errors
 * @param cells  one per grid cell and metric, in the file's order
 */
public record ReferenceTable(String source, List<Cell> cells) {
    static final String FIELD = "reference.file";
    private static final Set<String> RESERVED = Set.of("seed", "metric", "value", "mean", "sd", "n");

    /**
     * One grid cell and metric: the reference's values per run (with seeds), or only its summary.
     *
     * @param line the first line of the cell in the file
     */
    public record Cell(Map<String, String> coordinates, String metric, List<Double> values, List<Long> seeds,
                       double mean, double sd, int n, int line) {
        public boolean perRun() {
            return !values.isEmpty();
        }

        /** {@code model.beta=0.2, model.latent=50}. */
        public String label() {
            List<String> parts = new ArrayList<>();
            coordinates.forEach((k, v) -> parts.add(k + "=" + v));
            return String.join(", ", parts);
        }
    }

    /**
     * Reads {@code file}: relative to the spec's folder (the working directory for a spec without a file), else, for
     * a shipped spec or a copy of one, the jar's file of that name next to the shipped specs.
     */
    public static ReferenceTable load(String file, Path specFile, Map<String, List<Object>> grid) {
        Path base = specFile == null || specFile.toAbsolutePath().getParent() == null ? Path.of("")
                : specFile.toAbsolutePath().getParent();
        Path p = base.resolve(file);
        if (!Files.isRegularFile(p)) {
            try (InputStream in = ReferenceTable.class.getResourceAsStream("/specs/" + file)) {
                if (in != null) return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "specs/" + file, grid);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read specs/" + file + " from the jar", e);
            }
            throw error(specFile == null ? file : specFile.toString(), 0, "no such file: " + p + " (relative paths"
                    + " are resolved against the spec's folder) nor a shipped reference of that name");
        }
        try {
            return parse(Files.readString(p, StandardCharsets.UTF_8), p.toString(), grid);
        } catch (IOException e) {
            throw error(p.toString(), 0, "cannot be read: " + e.getMessage());
        }
    }

    /** Parses CSV text; {@code grid} is the spec's grid, whose keys the coordinate columns must be. */
    public static ReferenceTable parse(String text, String source, Map<String, List<Object>> grid) {
        List<SpecError> errors = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        int at = 0;
        while (at < lines.length && (lines[at].isBlank() || lines[at].startsWith("#"))) at++;
        if (at == lines.length) throw error(source, 1, "no header line; expected columns seed, metric, value or"
                + " metric, mean, sd, n, plus grid coordinates");
        List<String> header = split(lines[at]);
        int headerLine = at + 1;
        boolean perRun = header.contains("value");
        List<String> needed = perRun ? List.of("seed", "metric", "value") : List.of("metric", "mean", "sd", "n");
        for (String c : needed) {
            if (!header.contains(c)) errors.add(new SpecError(source, headerLine, FIELD, "the header has no column '"
                    + c + "'; expected seed, metric, value (per run) or metric, mean, sd, n (per cell), plus grid coordinates"));
        }
        if (perRun && header.contains("mean")) {
            errors.add(new SpecError(source, headerLine, FIELD, "the header has both 'value' and 'mean'; use one form"));
        }
        List<String> coordinates = new ArrayList<>();
        for (String c : header) {
            if (RESERVED.contains(c)) continue;
            if (!grid.containsKey(c)) {
                errors.add(new SpecError(source, headerLine, FIELD, "column '" + c + "' is not a grid key of the spec;"
                        + " allowed: " + (grid.isEmpty() ? "none (the spec has no grid)" : String.join(", ", grid.keySet()))));
            }
            coordinates.add(c);
        }
        if (!errors.isEmpty()) throw new SpecException(errors);

        Map<String, Cell> cells = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = at + 1; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank() || lines[i].startsWith("#")) continue;
            List<String> row = split(lines[i]);
            if (row.size() != header.size()) {
                errors.add(new SpecError(source, line, FIELD, row.size() + " columns, the header has " + header.size()));
                continue;
            }
            Map<String, String> v = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) v.put(header.get(c), row.get(c));
            int before = errors.size();
            Map<String, String> coords = new LinkedHashMap<>();
            for (String c : coordinates) {
                coords.put(c, v.get(c));
                if (grid.get(c).stream().noneMatch(g -> sameValue(g, v.get(c)))) {
                    errors.add(new SpecError(source, line, FIELD, c + " " + v.get(c) + " is not in the spec's grid ("
                            + grid.get(c) + ")"));
                }
            }
            String metric = v.get("metric");
            Metric m = MetricCatalogue.find(Metric.Scope.MODEL, metric).orElse(null);
            if (m == null) {
                errors.add(new SpecError(source, line, FIELD, "unknown model metric '" + metric + "'; allowed: "
                        + String.join(", ", MetricCatalogue.names(Metric.Scope.MODEL))));
            }
            String key = coords + "|" + metric;
            if (perRun) {
                double value = number(v.get("value"), "value", source, line, errors);
                long seed = (long) integer(v.get("seed"), "seed", 0, source, line, errors);
                if (errors.size() > before) continue;
                if (!seen.add(key + "|" + seed)) {
                    errors.add(new SpecError(source, line, FIELD, "a second row for " + metric + ", seed " + seed + " of this cell"));
                    continue;
                }
                Cell c = cells.computeIfAbsent(key, k -> new Cell(coords, metric, new ArrayList<>(), new ArrayList<>(),
                        Double.NaN, Double.NaN, 0, line));
                c.values().add(value);
                c.seeds().add(seed);
            } else {
                double mean = number(v.get("mean"), "mean", source, line, errors);
                double sd = number(v.get("sd"), "sd", source, line, errors);
                if (sd < 0) errors.add(new SpecError(source, line, FIELD, "sd " + v.get("sd") + " is negative"));
                int n = integer(v.get("n"), "n", 1, source, line, errors);
                if (errors.size() > before) continue;
                if (cells.containsKey(key)) {
                    errors.add(new SpecError(source, line, FIELD, "a second row for " + metric + " of this cell"));
                    continue;
                }
                cells.put(key, new Cell(coords, metric, List.of(), List.of(), mean, sd, n, line));
            }
        }
        if (cells.isEmpty() && errors.isEmpty()) errors.add(new SpecError(source, headerLine, FIELD, "no data rows"));
        if (!errors.isEmpty()) throw new SpecException(errors);
        return new ReferenceTable(source, List.copyOf(cells.values()));
    }

    /** A grid value (number or text) against a CSV field: numerically when both are numbers. */
    public static boolean sameValue(Object gridValue, String field) {
        if (gridValue instanceof Number num) {
            try {
                return num.doubleValue() == Double.parseDouble(field);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return String.valueOf(gridValue).equals(field);
    }

    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        for (String s : line.split(",", -1)) out.add(s.strip());
        return out;
    }

    private static double number(String s, String column, String source, int line, List<SpecError> errors) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new SpecError(source, line, FIELD, column + " '" + s + "' is not a finite number"));
        return Double.NaN;
    }

    private static int integer(String s, String column, int min, String source, int line, List<SpecError> errors) {
        try {
            int v = Integer.parseInt(s);
            if (v >= min) return v;
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new SpecError(source, line, FIELD, column + " '" + s + "' is not an integer >= " + min));
        return -1;
    }

    private static SpecException error(String source, int line, String problem) {
        return new SpecException(List.of(new SpecError(source, line, FIELD, problem)));
    }
}
