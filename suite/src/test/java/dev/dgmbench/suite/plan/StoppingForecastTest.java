package dev.dgmbench.suite.plan;

import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoppingForecastTest {
    private static final StudySpec DIGITS = SpecLoader.loadShipped("seed-digits", false);

    @Test
    void theRuleOfThumbStopsPatienceEpochsAfterEpochFortyWithinTheCaps() {
        var t = DIGITS.training();   // max_epochs 300, patience 20
        assertEquals(60, StoppingForecast.RULE_OF_THUMB.trainEpochs(t));
        assertEquals(300, StoppingForecast.UPPER_BOUND.trainEpochs(t));
        var quick = SpecLoader.loadShipped("quick", false).training();   // max_epochs 30: its runs reach the cap
        assertEquals(30, StoppingForecast.RULE_OF_THUMB.trainEpochs(quick));
        assertEquals(50, StoppingForecast.RULE_OF_THUMB.nceEpochs(DIGITS.prior().nce()));   // 40 + patience 10
        assertEquals(300, StoppingForecast.RULE_OF_THUMB.autoSteps("langevin", 6000));
        assertEquals(200, StoppingForecast.RULE_OF_THUMB.autoSteps("langevin", 200));
        assertEquals(6000, StoppingForecast.UPPER_BOUND.autoSteps("langevin", 6000));
    }

    @Test
    void finishedRunsGiveTheirMeanEpochsAndStepsUsed() {
        var f = StoppingForecast.observed(List.of(run(50, 200), run(70, 400)));
        assertEquals(60, f.trainEpochs(DIGITS.training()));
        assertEquals(300, f.autoSteps("mala", 6000));
        assertEquals(300, f.autoSteps("langevin", 6000), "no langevin steps recorded: the rule of thumb");
        assertEquals(250, f.autoSteps("mala", 250), "never beyond the cap");
        assertTrue(f.source().contains("2 run(s)") && f.source().contains("mala 300 steps"), f.source());
        assertSame(StoppingForecast.RULE_OF_THUMB, StoppingForecast.observed(List.of()));
    }

    @Test
    void aForecastFromFinishedRunsMovesTheEstimate() {
        StudyPlan plan = Planner.plan(DIGITS);
        CostModel cost = CostModel.measured(CostModel.PROBE_REFERENCE);
        var m = new WallTime.Machine(2, 2, 0, "test");
        double rule = plan.wallTime(cost, m, StoppingForecast.RULE_OF_THUMB).seconds();
        double longer = plan.wallTime(cost, m, StoppingForecast.observed(List.of(run(120, 200)))).seconds();
        double bound = plan.wallTime(cost, m, StoppingForecast.UPPER_BOUND).seconds();
        assertTrue(rule < longer && longer < bound, rule + " < " + longer + " < " + bound);
        assertTrue(plan.estimate(cost, m, StoppingForecast.RULE_OF_THUMB).contains("if no run stops before its caps"));
    }

    private static RunMetrics run(double epochs, double malaSteps) {
        return new RunMetrics(Map.of("epochs", epochs), Map.of("mala", Map.of("steps_used", malaSteps)));
    }
}
