package dev.dgmbench.reports.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mustache templates under {@code dev/dgmbench/reports/}: {@code *.html.mustache} are rendered with HTML escaping,
 * {@code *.md.mustache} with Markdown escaping ({@link #markdownCell}: table pipes, line breaks, HTML, links), and {@code {{{x}}}} is raw in both.
 * Tables are passed as plain maps ({@link Table}) so templates stay free of Java types.
 */
public final class Templates {
    public static final String ROOT = "dev/dgmbench/reports";
    private static final MustacheFactory HTML = new DefaultMustacheFactory(ROOT);
    private static final MustacheFactory MARKDOWN = new DefaultMustacheFactory(ROOT) {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(markdownCell(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private Templates() {
    }

    public static String render(String template, Object scope) {
        MustacheFactory f = template.endsWith(".md.mustache") ? MARKDOWN : HTML;
        Mustache m = f.compile(template);
        StringWriter w = new StringWriter();
        m.execute(w, scope);
        return w.toString();
    }

    /**
     * Text as inert Markdown: table pipes and line breaks escaped, and, because Markdown passes HTML through, the
     * characters that would make spec text live markup ({@code <script>}, {@code onerror=}) as entities, and the
     * {@code ](} of inline links escaped ({@code [x](javascript:...)} stays text), as the HTML report, the SVGs and claims.tex escape them.
     */
    public static String markdownCell(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ")
                .replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("](", "]\\(");
    }

    /** A code fence longer than any run of backticks in the text. */
    public static String fence(String text) {
        int longest = 0, run = 0;
        for (char c : (text == null ? "" : text).toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    /** A table for the templates: {@code header} (list of cells) and {@code rows} (each with {@code cells}). */
    public static final class Table {
        private final List<Map<String, Object>> header = new ArrayList<>();
        private final List<Map<String, Object>> rows = new ArrayList<>();

        public Table(List<String> header) {
            for (String h : header) this.header.add(cell(h, null));
        }

        public Table(String... header) {
            this(List.of(header));
        }

        /** Adds a row of plain cells. */
        public Table row(List<String> cells) {
            List<Map<String, Object>> cs = new ArrayList<>();
            for (String c : cells) cs.add(cell(c, null));
            return rowCells(cs, null);
        }

        public Table row(String... cells) {
            return row(List.of(cells));
        }

        /** Adds a row of cells made with {@link #cell}; {@code cls} is the row's CSS class (or null). */
        public Table rowCells(List<Map<String, Object>> cells, String cls) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("cells", cells);
            r.put("cls", cls == null ? "" : cls);
            rows.add(r);
            return this;
        }

        public boolean isEmpty() {
            return rows.isEmpty();
        }

        public int size() {
            return rows.size();
        }

        public Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("header", header);
            v.put("rows", rows);
            v.put("empty", rows.isEmpty());
            return v;
        }
    }

    /** A table cell: text, and a CSS class for the HTML page (ignored in Markdown); {@code title} is a tooltip. */
    public static Map<String, Object> cell(String text, String cls) {
        return cell(text, cls, null);
    }

    public static Map<String, Object> cell(String text, String cls, String title) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("t", text == null ? "" : text);
        c.put("c", cls == null ? "" : cls);
        c.put("title", title == null ? "" : title);
        return c;
    }

    /** Text for a cell or field: null as empty. */
    public static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The report stylesheet, inlined into every HTML page. */
    public static String css() {
        try (var in = Templates.class.getResourceAsStream("/" + ROOT + "/report.css")) {
            if (in == null) throw new IllegalStateException("report.css missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
