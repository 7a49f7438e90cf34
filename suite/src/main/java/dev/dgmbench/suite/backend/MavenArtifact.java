package dev.dgmbench.suite.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One jar in a Maven repository: {@code groupId:artifactId:version[:classifier]}, packaging jar.
 *
 * @param groupId    e.g. {@code org.nd4j}
 * @param artifactId e.g. {@code nd4j-native}
 * @param version    e.g. {@code 1.0.0-M2.1}
 * @param classifier e.g. {@code linux-x86_64-avx2}; empty for the main jar (never null)
 */
public record MavenArtifact(String groupId, String artifactId, String version, String classifier) {

    public MavenArtifact {
        requireText(groupId, "groupId");
        requireText(artifactId, "artifactId");
        requireText(version, "version");
        classifier = classifier == null ? "" : classifier.strip();
    }

    public static MavenArtifact of(String groupId, String artifactId, String version) {
        return new MavenArtifact(groupId, artifactId, version, "");
    }

    public static MavenArtifact of(String groupId, String artifactId, String version, String classifier) {
        return new MavenArtifact(groupId, artifactId, version, classifier);
    }

    public boolean hasClassifier() {
        return !classifier.isEmpty();
    }

    /** The file name Maven stores it under, e.g. {@code nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar}. */
    public String fileName() {
        return artifactId + "-" + version + (hasClassifier() ? "-" + classifier : "") + ".jar";
    }

    /** Where the jar lies in a local repository laid out the Maven way ({@code group/as/dirs/artifact/version/file}). */
    public Path pathIn(Path localRepository) {
        Path p = Objects.requireNonNull(localRepository, "localRepository");
        for (String part : groupId.split("\\.")) {
            p = p.resolve(part);
        }
        return p.resolve(artifactId).resolve(version).resolve(fileName());
    }

    /**
     * Coordinates in the form {@code mvn dependency:get -Dartifact=...} takes:
     * {@code groupId:artifactId:version} or {@code groupId:artifactId:version:jar:classifier}.
     */
    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version + (hasClassifier() ? ":jar:" + classifier : "");
    }

    @Override
    public String toString() {
        return coordinates();
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
