package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;

import java.util.Map;
import java.util.Optional;

/**
 * {@code --shard auto}: the shard of this process as told by the array-job scheduler that started it. Read only
 * when asked for ({@code auto}), never implicitly: a job that happens to run inside a Slurm array or an indexed
 * Job for other reasons (one spec per task, say) must not silently run a fraction of its study.
 *
 * <p>Looked for in this order (the first one set wins):
 * <ol>
 * <li>{@code DGMBENCH_SHARD=i/n}: any scheduler or CI matrix (the GitHub Actions recipe sets it from
 *     {@code matrix.shard});</li>
 * <li>Kubernetes Indexed Jobs: {@code JOB_COMPLETION_INDEX} (0-based); the count is not in the pod's environment,
 *     so it comes from {@code --shard auto/N} or {@code DGMBENCH_SHARD_COUNT} (the Job's {@code completions});</li>
 * <li>Slurm job arrays: {@code SLURM_ARRAY_TASK_ID} within {@code SLURM_ARRAY_TASK_MIN..MAX} (step
 *     {@code SLURM_ARRAY_TASK_STEP}, default 1), the count from {@code SLURM_ARRAY_TASK_COUNT} or the range.</li>
 * </ol>
 * A count given as {@code auto/N} overrides the scheduler's.
 */
final class SchedulerShard {
    static final String GENERIC = "DGMBENCH_SHARD", COUNT = "DGMBENCH_SHARD_COUNT", K8S_INDEX = "JOB_COMPLETION_INDEX",
            SLURM_ID = "SLURM_ARRAY_TASK_ID", SLURM_COUNT = "SLURM_ARRAY_TASK_COUNT", SLURM_MIN = "SLURM_ARRAY_TASK_MIN",
            SLURM_MAX = "SLURM_ARRAY_TASK_MAX", SLURM_STEP = "SLURM_ARRAY_TASK_STEP";
    static final String LOOKED_FOR = GENERIC + " (i/n), " + K8S_INDEX + " (Kubernetes Indexed Job, with --shard auto/N or "
            + COUNT + "), " + SLURM_ID + " (Slurm job array)";

    private SchedulerShard() {
    }

    /** The shard for {@code auto} ({@code count == null}) or {@code auto/count}, from {@code env}. */
    static Shard from(Map<String, String> env, Integer count) {
        String generic = env.get(GENERIC);
        if (generic != null) {
            Shard s = Shard.parse(generic, GENERIC);
            return count == null ? s : new Shard(s.index(), count, "--shard auto/" + count + " with " + GENERIC);
        }
        if (env.get(K8S_INDEX) != null) {
            int index = number(env, K8S_INDEX, 0);
            Integer n = count != null ? count : optional(env, COUNT, 1).orElseThrow(() -> new BadInputException(
                    "--shard auto: " + K8S_INDEX + " is set (a Kubernetes Indexed Job) but the number of shards is not;"
                            + " allowed: --shard auto/N or " + COUNT + "=N with N the Job's completions"));
            if (index >= n) {
                throw new BadInputException(K8S_INDEX + "=" + index + " (0-based) is out of range: beyond the " + n + " shards; allowed: 0 to " + (n - 1));
            }
            return new Shard(index + 1, n, K8S_INDEX + "=" + index + " (0-based) of " + n);
        }
        if (env.get(SLURM_ID) != null) return slurm(env, count);
        throw new BadInputException("--shard auto: no scheduler variable is set; looked for " + LOOKED_FOR
                + "; allowed: run it inside such a job, or give the shard as --shard i/n");
    }

    private static Shard slurm(Map<String, String> env, Integer count) {
        int id = number(env, SLURM_ID, 0);
        int min = optional(env, SLURM_MIN, 0).orElse(0);
        int step = optional(env, SLURM_STEP, 1).orElse(1);
        if ((id - min) % step != 0 || id < min) {
            throw new BadInputException(SLURM_ID + "=" + id + " is not on the array's range " + min + ", " + ((long) min + step)
                    + ", ... (" + SLURM_MIN + ", " + SLURM_STEP + "); allowed: an array given as a range, e.g. --array=0-3");
        }
        Optional<Integer> max = optional(env, SLURM_MAX, 0);
        Integer n = count != null ? count : optional(env, SLURM_COUNT, 1)
                .or(() -> max.map(m -> (m - min) / step + 1))
                .orElseThrow(() -> new BadInputException("--shard auto: " + SLURM_ID + " is set but neither "
                        + SLURM_COUNT + " nor " + SLURM_MAX + "; allowed: --shard auto/N"));
        // id - min and the 1-based index computed in long: ids near 2^31 must not wrap around to a negative shard
        long index = ((long) id - min) / step + 1;
        if (index > n) {
            throw new BadInputException(SLURM_ID + "=" + id + " is out of range: task " + index + " of the array, beyond its " + n
                    + " tasks (" + SLURM_COUNT + ", " + SLURM_MAX + " or --shard auto/N); allowed: a task of the array");
        }
        return new Shard((int) index, n, SLURM_ID + "=" + id + " of " + n);
    }

    /** A variable that must hold a number: set but empty or blank is refused, naming it. */
    private static int number(Map<String, String> env, String name, int least) {
        return optional(env, name, least).orElseThrow(() -> new BadInputException(name + "='" + env.get(name)
                + "' (read for --shard auto) is set but empty; allowed: an integer >= " + least));
    }

    private static Optional<Integer> optional(Map<String, String> env, String name, int least) {
        String v = env.get(name);
        if (v == null || v.isBlank()) return Optional.empty();
        long n;
        try {
            n = Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(name + "='" + v + "' (read for --shard auto) is not a whole number; allowed: an"
                    + " integer >= " + least + " and at most " + Integer.MAX_VALUE);
        }
        if (n > Integer.MAX_VALUE) {
            throw new BadInputException(name + "=" + n + " (read for --shard auto) is too large; allowed: an integer >= "
                    + least + " and at most " + Integer.MAX_VALUE);
        }
        if (n < least) {
            throw new BadInputException(name + "=" + n + " (read for --shard auto) is out of range; allowed: an integer >= " + least);
        }
        return Optional.of((int) n);
    }
}
