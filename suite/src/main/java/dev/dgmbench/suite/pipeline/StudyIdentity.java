package dev.dgmbench.suite.pipeline;

/** Which study a run belongs to, as its result records it. */
public record StudyIdentity(String name, String specDigest) {
}
