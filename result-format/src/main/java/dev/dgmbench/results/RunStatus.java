package dev.dgmbench.results;

/** Outcome of one run. A FAILED run still has a folder, with its reason, so claims can say what is missing. */
public enum RunStatus { OK, FAILED }
