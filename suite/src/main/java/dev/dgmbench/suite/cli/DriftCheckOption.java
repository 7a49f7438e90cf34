package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.compare.CompareThresholds;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** {@code --drift-check runs|conclusions}, in lower case, with the allowed values named when another is given. */
final class DriftCheckOption implements CommandLine.ITypeConverter<CompareThresholds.DriftCheck> {
    static final String ALLOWED = Arrays.stream(CompareThresholds.DriftCheck.values())
            .map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    @Override
    public CompareThresholds.DriftCheck convert(String value) {
        try {
            return CompareThresholds.DriftCheck.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a drift check; allowed: " + ALLOWED);
        }
    }
}
