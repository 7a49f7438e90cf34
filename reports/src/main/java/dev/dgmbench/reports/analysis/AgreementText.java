package dev.dgmbench.reports.analysis;

import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.reports.render.Templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Whether two folders agree ({@link FolderAgreement}), as the reports' sentences and tables show it. */
public final class AgreementText {
    private AgreementText() {
    }

    /** "N of M claim verdicts agree", naming each that differs; null without claims. */
    public static String claimsAgreement(List<FolderAgreement.VerdictMatch> verdicts) {
        return claimsAgreement(verdicts, "here", "there");
    }

    /** The same, naming the two sides ({@code mine}: the folder whose verdicts come first). */
    public static String claimsAgreement(List<FolderAgreement.VerdictMatch> verdicts, String mine, String theirs) {
        if (verdicts.isEmpty()) return null;
        List<String> differ = new ArrayList<>();
        for (FolderAgreement.VerdictMatch m : verdicts) {
            if (m.agrees()) continue;
            differ.add(m.claim() + " (" + m.verdict() + " " + mine + ", "
                    + (m.otherVerdict() == null ? "not judged" : m.otherVerdict()) + " " + theirs + ")");
        }
        String s = (verdicts.size() - differ.size()) + " of " + verdicts.size() + " claim verdicts agree";
        return differ.isEmpty() ? s : s + "; differ: " + String.join(", ", differ);
    }

    public static Map<String, Object> meansTable(List<FolderAgreement.MeanDrift> means) {
        return meansTable(means, "mean here", "mean there");
    }

    public static Map<String, Object> meansTable(List<FolderAgreement.MeanDrift> means, String mine, String theirs) {
        Templates.Table t = new Templates.Table("model metric", "grid point (largest drift)", mine, theirs,
                "relative", "in seed SDs", "95% by chance", "seeds");
        for (FolderAgreement.MeanDrift d : means) {
            t.rowCells(List.of(Templates.cell(d.metric(), null), Templates.cell(d.gridPoint(), null),
                    Templates.cell(NumberFormats.num(d.mean()), "num"), Templates.cell(NumberFormats.num(d.otherMean()), "num"),
                    Templates.cell(NumberFormats.pct(d.relDiff()), "num"),
                    Templates.cell(NumberFormats.num(d.seedSds()), d.seedSds() > d.chance95() ? "bad" : "num"),
                    Templates.cell(NumberFormats.num(d.chance95()), "num"),
                    Templates.cell(d.n(), "num")), null);
        }
        return t.view();
    }
}
