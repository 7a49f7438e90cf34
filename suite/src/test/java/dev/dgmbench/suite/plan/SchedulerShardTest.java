package dev.dgmbench.suite.plan;

import dev.dgmbench.results.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --shard auto[/n]} from the variables of array-job schedulers (the CLI side: SchedulerShardE2ETest). */
class SchedulerShardTest {

    @Test
    void fixedShardsAndAbsenceIgnoreTheEnvironment() {
        Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "4");
        assertEquals(Shard.ALL, Shard.resolve(null, env), "no --shard: the whole plan, even inside an array job");
        assertEquals(new Shard(2, 5), Shard.resolve("2/5", env));
    }

    @Test
    void kubernetesIndexIsZeroBasedWithTheCountFromTheOptionOrTheVariable() {
        assertEquals(new Shard(1, 3), Shard.resolve("auto/3", Map.of("JOB_COMPLETION_INDEX", "0")));
        assertEquals(new Shard(3, 3), Shard.resolve("auto", Map.of("JOB_COMPLETION_INDEX", "2", "DGMBENCH_SHARD_COUNT", "3")));
        assertEquals(new Shard(3, 4), Shard.resolve("auto/4", Map.of("JOB_COMPLETION_INDEX", "2", "DGMBENCH_SHARD_COUNT", "3")));
    }

    @Test
    void slurmArraysMapTheirRangeOntoOneToN() {
        assertEquals(new Shard(4, 4), Shard.resolve("auto", Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "4")));
        // --array=1-8:2 gives ids 1, 3, 5, 7
        assertEquals(new Shard(3, 4), Shard.resolve("auto", Map.of("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "1",
                "SLURM_ARRAY_TASK_MAX", "7", "SLURM_ARRAY_TASK_STEP", "2")));
        assertEquals(new Shard(2, 2), Shard.resolve("auto", Map.of("SLURM_ARRAY_TASK_ID", "11", "SLURM_ARRAY_TASK_MIN", "10",
                "SLURM_ARRAY_TASK_MAX", "11")));
    }

    @Test
    void theGenericVariableWinsOverSchedulers() {
        assertEquals(new Shard(2, 4), Shard.resolve("auto", Map.of("DGMBENCH_SHARD", "2/4", "JOB_COMPLETION_INDEX", "0")));
    }

    @Test
    void badValuesNameTheVariableAndWhatIsAllowed() {
        bad(Map.of("SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_COUNT", "2"), "SLURM_ARRAY_TASK_ID='x'", "whole number");
        bad(Map.of("JOB_COMPLETION_INDEX", "-1", "DGMBENCH_SHARD_COUNT", "2"), "JOB_COMPLETION_INDEX=-1", ">= 0");
        bad(Map.of("JOB_COMPLETION_INDEX", "0"), "DGMBENCH_SHARD_COUNT", "auto/N");
        bad(Map.of("JOB_COMPLETION_INDEX", "4", "DGMBENCH_SHARD_COUNT", "4"), "JOB_COMPLETION_INDEX=4", "out of range");
        bad(Map.of("DGMBENCH_SHARD_COUNT", "0", "JOB_COMPLETION_INDEX", "0"), "DGMBENCH_SHARD_COUNT=0", ">= 1");
        bad(Map.of("DGMBENCH_SHARD", "5/4"), "DGMBENCH_SHARD", "1 <= i <= n");
        bad(Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_STEP", "2",
                "SLURM_ARRAY_TASK_COUNT", "4"), "SLURM_ARRAY_TASK_ID=4", "--array=0-3");
        bad(Map.of("SLURM_ARRAY_TASK_ID", "1"), "SLURM_ARRAY_TASK_COUNT", "auto/N");
        bad(Map.of(), "no scheduler variable", "JOB_COMPLETION_INDEX");
    }

    @Test
    void setButEmptyVariablesAndHugeIdsAreNamedNotCrashedOrWrapped() {
        bad(Map.of("SLURM_ARRAY_TASK_ID", "", "SLURM_ARRAY_TASK_COUNT", "2"), "SLURM_ARRAY_TASK_ID='' (read for --shard auto) is set but empty");
        bad(Map.of("JOB_COMPLETION_INDEX", " ", "DGMBENCH_SHARD_COUNT", "2"), "JOB_COMPLETION_INDEX=' '", "set but empty");
        // 2^31 - 1 - 0 + 1 would wrap to a negative shard in int arithmetic
        bad(Map.of("SLURM_ARRAY_TASK_ID", "2147483647", "SLURM_ARRAY_TASK_COUNT", "2"),
                "SLURM_ARRAY_TASK_ID=2147483647 is out of range: task 2147483648 of the array, beyond its 2 tasks");
        bad(Map.of("JOB_COMPLETION_INDEX", "2147483647", "DGMBENCH_SHARD_COUNT", "2"), "JOB_COMPLETION_INDEX=2147483647 (0-based) is out of range");
        bad(Map.of("SLURM_ARRAY_TASK_ID", "99999999999", "SLURM_ARRAY_TASK_COUNT", "2"),
                "SLURM_ARRAY_TASK_ID=99999999999 (read for --shard auto) is too large", "at most 2147483647");
        bad(Map.of("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "-2147483648", "SLURM_ARRAY_TASK_COUNT", "2"),
                "SLURM_ARRAY_TASK_MIN=-2147483648", ">= 0");
    }

    private static void bad(Map<String, String> env, String... expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> Shard.resolve("auto", env), env::toString);
        for (String s : expected) assertTrue(e.getMessage().contains(s), "'" + s + "' not in: " + e.getMessage());
    }
}
