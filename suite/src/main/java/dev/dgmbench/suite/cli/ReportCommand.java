package dev.dgmbench.suite.cli;

import dev.dgmbench.reports.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the study report (report.md, self-contained report.html, report.json; with --pdf also "
                + "report.pdf) of a result folder.")
class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FOLDER", description = "a study output folder")
    Path folder;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write (default: FOLDER/report)")
    Path out;

    @Option(names = "--also", split = ",", paramLabel = "FOLDER", description = "other folders of the same spec (reruns, other backends) for the reproducibility section")
    List<Path> also = List.of();

    @Option(names = "--pdf", description = "also print report.html to report.pdf (A4, every table fitted to the page) with "
            + "headless Chromium (chromium, chromium-browser or google-chrome on the PATH, or DGMBENCH_CHROMIUM)")
    boolean pdf;

    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors")
    boolean quiet;

    @Override
    public Integer call() {
        var summary = Reports.writeStudyReport(folder, out != null ? out : folder.resolve("report"), also, pdf);
        if (!quiet) summary.files().forEach(f -> System.out.println("wrote " + f));
        return Main.OK;
    }
}
