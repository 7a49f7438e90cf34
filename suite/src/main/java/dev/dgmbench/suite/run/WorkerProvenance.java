package dev.dgmbench.suite.run;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a worker records in every result's {@code provenance.json} about the conditions it ran under: the machine's
 * probe (backend, CPU, environment, Java, OS: {@code ProvenanceProbe}'s keys), the suite, how many workers shared
 * the study, the host, the engine's own keys, the evaluator's accuracy and the dataset's fingerprint. Written as the
 * flat mapping of strings readers know ({@link #toMap}); {@link #from} reads one back.
 *
 * @param machine               the probe's keys, and on reading back every key this record does not name
 * @param evaluatorTestAccuracy null until the evaluator is known ({@link #withEngine})
 * @param datasetFingerprint    null until the data is known ({@link #withEngine})
 */
public record WorkerProvenance(Map<String, String> machine, String suiteCommit, String suiteVersion, int workers,
                               String host, Map<String, String> engine, Double evaluatorTestAccuracy,
                               String datasetFingerprint) {
    static final String SUITE_COMMIT = "suite_commit", SUITE_VERSION = "suite_version", WORKERS = "workers",
            HOST = "host", EVALUATOR_TEST_ACCURACY = "evaluator_test_accuracy", DATASET_FINGERPRINT = "dataset_fingerprint";

    public WorkerProvenance {
        machine = Collections.unmodifiableMap(new TreeMap<>(machine));
        engine = Collections.unmodifiableMap(new TreeMap<>(engine));
    }

    /** Before the engine and the data are known. */
    static WorkerProvenance system(Map<String, String> machine, String suiteCommit, String suiteVersion, int workers,
                                   String host) {
        return new WorkerProvenance(machine, suiteCommit, suiteVersion, workers, host, Map.of(), null, null);
    }

    /** With the engine's own keys, the evaluator's test accuracy and the training split's fingerprint. */
    WorkerProvenance withEngine(Map<String, String> engineKeys, double evaluatorTestAccuracy, String datasetFingerprint) {
        return new WorkerProvenance(machine, suiteCommit, suiteVersion, workers, host, engineKeys, evaluatorTestAccuracy,
                datasetFingerprint);
    }

    /** The flat mapping written into provenance.json: the probe's keys, the suite's, the engine's, then the run's inputs. */
    public Map<String, String> toMap() {
        Map<String, String> p = new TreeMap<>(machine);
        p.put(SUITE_COMMIT, suiteCommit);
        p.put(SUITE_VERSION, suiteVersion);
        p.put(WORKERS, Integer.toString(workers));
        p.put(HOST, host);
        p.putAll(engine);
        if (evaluatorTestAccuracy != null) p.put(EVALUATOR_TEST_ACCURACY, Double.toString(evaluatorTestAccuracy));
        if (datasetFingerprint != null) p.put(DATASET_FINGERPRINT, datasetFingerprint);
        return p;
    }

    /** Back from a written provenance.json: the named keys typed, every other key (engine and run keys too) in {@code machine}. */
    public static WorkerProvenance from(Map<String, String> written) {
        Map<String, String> rest = new TreeMap<>(written);
        String commit = rest.remove(SUITE_COMMIT), version = rest.remove(SUITE_VERSION), workers = rest.remove(WORKERS);
        String host = rest.remove(HOST), accuracy = rest.remove(EVALUATOR_TEST_ACCURACY);
        String fingerprint = rest.remove(DATASET_FINGERPRINT);
        return new WorkerProvenance(rest, commit, version, workers == null ? 0 : Integer.parseInt(workers), host,
                Map.of(), accuracy == null ? null : Double.valueOf(accuracy), fingerprint);
    }
}
