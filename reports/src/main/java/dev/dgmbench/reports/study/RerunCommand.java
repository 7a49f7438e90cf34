package dev.dgmbench.reports.study;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rerun command as the report shows it: absolute paths under the working folder become relative, so the
 * command works in another checkout or on another machine.
 */
final class RerunCommand {
    private RerunCommand() {
    }

    static String relative(String rerun, Path cwd) {
        if (rerun == null || rerun.isBlank()) return rerun;
        Path base = cwd.toAbsolutePath().normalize();
        List<String> out = new ArrayList<>();
        for (String token : rerun.strip().split(" ")) out.add(relativeToken(token, base));
        return String.join(" ", out);
    }

    private static String relativeToken(String token, Path base) {
        if (!token.startsWith("/")) return token;
        try {
            Path p = Path.of(token).normalize();
            if (!p.startsWith(base) || p.equals(base)) return token;
            return base.relativize(p).toString();
        } catch (InvalidPathException e) {
            return token;
        }
    }
}
