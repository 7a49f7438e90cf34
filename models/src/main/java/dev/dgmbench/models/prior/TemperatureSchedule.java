package dev.dgmbench.models.prior;

/**
 * How the SMC sampler ({@link SmcNormaliser}) walks from N(0, I) (t = 0) to the tilted prior (t = 1).
 *
 * <p>{@link Fixed}: {@code t_k = (k / K)^4}, the annealing schedule of {@link AnnealedNormaliser}, with one MALA step
 * per temperature. {@link Adaptive}: each next temperature is the largest that keeps the conditional effective
 * sample size (Zhou, Johansen and Aston 2016) of every replicate's reweighting at least {@code cess} of its
 * particles, found by bisection, followed by {@code moves} MALA steps; an easy tilt then takes a few dozen
 * temperatures, a hard one as many as it needs, up to {@code maxTemperatures} (the last step then goes to t = 1
 * whatever its CESS, and the final ESS shows it).
 */
public sealed interface TemperatureSchedule {
    /**
     * The default: adaptive, CESS 0.99, five MALA steps per temperature, at most 1,000 temperatures. Chosen on the
     * saved classifiers of seed-digits and seed-fashion10 against the fixed 1,000-temperature schedule
     * (docs/validity.md): 12-47 temperatures on digits, 32-80 on Fashion, errors as small as the fixed schedule's.
     */
    TemperatureSchedule DEFAULT = new Adaptive(0.99, 5, 1000);

    /** MALA steps per temperature. */
    int moves();

    /** {@code temperatures} steps on {@code t_k = (k / K)^4}, one MALA step each. */
    record Fixed(int temperatures) implements TemperatureSchedule {
        public Fixed {
            if (temperatures < 1) throw new IllegalArgumentException(temperatures + " temperatures");
        }

        @Override
        public int moves() {
            return 1;
        }
    }

    /**
     * @param cess            the share of particles each reweighting keeps effective, in (0, 1)
     * @param moves           MALA steps per temperature
     * @param maxTemperatures the most temperatures; the last of them is t = 1
     */
    record Adaptive(double cess, int moves, int maxTemperatures) implements TemperatureSchedule {
        public Adaptive {
            if (!(cess > 0 && cess < 1)) throw new IllegalArgumentException("cess " + cess + " not in (0, 1)");
            if (moves < 1 || maxTemperatures < 1) throw new IllegalArgumentException(moves + " moves, " + maxTemperatures + " temperatures");
        }
    }
}
