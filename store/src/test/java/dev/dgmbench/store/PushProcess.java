package dev.dgmbench.store;

import java.nio.file.Path;

/**
 * A push in a JVM of its own, for {@link KilledPushTest} to kill: the store comes from the environment
 * (DGMBENCH_STORE_*), every run's transaction is held open {@code args[1]} ms.
 */
public final class PushProcess {
    public static void main(String[] args) {
        long delay = Long.parseLong(args[1]);
        ResultsStore store = ResultsStore.open(StoreConfig.resolve(null, null));
        System.out.println("open");
        System.out.flush();
        PushReport r = store.push(Path.of(args[0]), (c, run, i) -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println(r);
    }
}
