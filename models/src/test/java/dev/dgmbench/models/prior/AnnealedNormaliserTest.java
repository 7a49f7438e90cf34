package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Annealed importance sampling of Z against closed forms: for f(z) = a.z + b, Z = exp(b + |a|^2 / 2). The hard case
 * is the one measured on seed-fashion10 at beta 0.2: the classifier's e^f has its mass where neither N(0, I) nor the
 * aggregate posterior of the codes draws, so importance sampling from the defensive mixture fails too.
 */
class AnnealedNormaliserTest {

    @Test
    void theFarTiltOfSixLatentsIsWithinItsStatedError() {
        for (long seed = 1; seed <= 3; seed++) {
            NcePrior p = AnnealedNormaliser.estimate(FarTiltedNormaliserTest.TILT, seed);
            assertTrue(p.reliable(), "ESS " + p.ess());
            assertEquals(FarTiltedNormaliserTest.EXACT_LOG_Z, p.logZ(), 4 * p.logZStdError() + 0.05,
                    "seed " + seed + ", se " + p.logZStdError());
        }
    }

    @Test
    void aTiltOfFiftyLatentsFiveSdAwayIsWithinItsStatedError() {
        double[] a = new double[50];
        Arrays.fill(a, 0.8);   // |a| = 5.7: N(a, I), log Z = -3 + 16
        RatioClassifier tilt = FusedEngine.java().ratioClassifier(NceTraining.linear(a, -3));
        NcePrior p = AnnealedNormaliser.estimate(tilt, 7);
        assertTrue(p.reliable(), "ESS " + p.ess());
        assertEquals(13.0, p.logZ(), 4 * p.logZStdError() + 0.05, "se " + p.logZStdError());
        assertFalse(NcePrior.estimate(tilt, NcePrior.NORMALISER_DRAWS, 7).reliable(), "N(0, I) draws collapse here");
    }

    @Test
    void massWhereTheCodesAreNotDefeatsTheAggregateProposalButNotTheChains() {
        // the codes (aggregate posterior) sit at +a, the classifier's tilt at -a
        double[] minus = Arrays.stream(FarTiltedNormaliserTest.A).map(v -> -v).toArray();
        RatioClassifier elsewhere = FusedEngine.java().ratioClassifier(NceTraining.linear(minus, FarTiltedNormaliserTest.B));
        NcePrior is = NcePrior.estimate(elsewhere, new DefensiveProposal(FarTiltedNormaliserTest.posterior()),
                NcePrior.NORMALISER_DRAWS, 3);
        assertFalse(is.reliable(), "ESS " + is.ess());
        assertTrue(FarTiltedNormaliserTest.EXACT_LOG_Z - is.logZ() > 2, "misses by nats: " + is.logZ());
        NcePrior ais = AnnealedNormaliser.estimate(elsewhere, 3);
        assertTrue(ais.reliable(), "ESS " + ais.ess());
        assertEquals(FarTiltedNormaliserTest.EXACT_LOG_Z, ais.logZ(), 4 * ais.logZStdError() + 0.05);
    }

    @Test
    void theSameSeedGivesTheSameBits() {
        NcePrior a = AnnealedNormaliser.estimate(FarTiltedNormaliserTest.TILT, 64, 50, 9);
        NcePrior b = AnnealedNormaliser.estimate(FarTiltedNormaliserTest.TILT, 64, 50, 9);
        assertEquals(Double.doubleToLongBits(a.logZ()), Double.doubleToLongBits(b.logZ()));
        assertEquals(64, a.draws());
    }
}
