package dev.dgmbench.suite.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gets a spec's text and YAML node tree safely: the file is read as UTF-8 text (a binary, UTF-16 or huge file is
 * refused in words), and the YAML is only composed into nodes, never constructed, with any explicit tag
 * ({@code !!python/...}, {@code !foo}, even {@code !!str}) and alias bombs refused.
 */
final class YamlSource {
    /** Specs are a few KB; anything this big is not one (and would only slow the parser down). */
    static final long MAX_BYTES = 1 << 20;

    private YamlSource() {
    }

    /** The text of a spec file, or a {@link SpecException} that says in words why it is not one. */
    static String read(Path file) {
        String name = file.toString();
        try {
            if (Files.isDirectory(file)) throw fileError(name, "is a directory; allowed: a spec file (YAML)");
            if (!Files.exists(file)) throw fileError(name, "no such file; allowed: an existing spec file (YAML)");
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw fileError(name, "is " + size + " bytes; allowed: a spec file of at most " + MAX_BYTES + " bytes");
            }
            return decode(name, Files.readAllBytes(file));
        } catch (AccessDeniedException e) {
            throw fileError(name, "cannot be read (permission denied)");
        } catch (IOException e) {
            throw fileError(name, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** UTF-8 text without a byte-order mark; anything else is refused with what it looks like. */
    static String decode(String name, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            throw fileError(name, "is UTF-16 text; allowed: UTF-8 text (save the file as UTF-8)");
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw fileError(name, "is a binary file (a zero byte at offset " + i + "); allowed: a YAML text file");
            }
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw fileError(name, "is not UTF-8 text (" + firstBadByte(bytes) + "); allowed: a YAML text file in UTF-8");
        }
    }

    private static String firstBadByte(byte[] bytes) {
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') line++;
            if (b >= 0x80) {
                int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
                boolean ok = len > 0 && i + len <= bytes.length;
                for (int k = 1; ok && k < len; k++) ok = (bytes[i + k] & 0xC0) == 0x80;
                if (!ok) return String.format("byte 0x%02X on line %d is not UTF-8", b, line);
                i += len - 1;
            }
        }
        return "invalid UTF-8";
    }

    private static SpecException fileError(String name, String problem) {
        return new SpecException(List.of(new SpecError(name, 0, "", problem)));
    }

    /** The node tree of the text (null for an empty document); YAML problems go to the binder and end the load. */
    static Node compose(String text, Binder b) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by the binder, with both lines
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        options.setCodePointLimit((int) MAX_BYTES);
        Yaml yaml = new Yaml(options);
        try {
            rejectTags(yaml, text, b);
            if (!b.errors.isEmpty()) throw new SpecException(b.errors);
            return yaml.compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) {
                Mark c = e.getContextMark();
                problem = e.getContext() + (c != null && m != null && c.getLine() != m.getLine()
                        ? " (from line " + (c.getLine() + 1) + ")" : "") + ", " + problem;
            }
            b.error(m == null ? 1 : m.getLine() + 1, "", "not valid YAML: " + problem.replace('\n', ' '));
            throw new SpecException(b.errors);
        } catch (YAMLException e) {
            b.error(1, "", "not valid YAML: " + e.getMessage().replace('\n', ' '));
            throw new SpecException(b.errors);
        }
    }

    /** Explicit tags are the way YAML asks for objects to be built; a spec never needs one. */
    private static void rejectTags(Yaml yaml, String text, Binder b) {
        for (Event e : yaml.parse(new StringReader(text))) {
            String tag = null;
            if (e instanceof ScalarEvent s) tag = s.getTag();
            else if (e instanceof CollectionStartEvent c) tag = c.getTag();
            if (tag != null) {
                b.error(e.getStartMark().getLine() + 1, "", "explicit tag '" + Suggestions.clip(tag) + "' is not"
                        + " allowed; allowed: plain YAML values without tags (a spec is data: nothing in it is"
                        + " constructed or executed)");
            }
        }
    }
}
