package dev.dgmbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalogue is the one list of names: what claims, reports and the CLI read from it. */
class MetricCatalogueTest {
    @Test
    void claimableNamesInTheOrderSpecErrorsListThem() {
        assertEquals(List.of("nll", "nll_nce", "re", "kl", "elbo", "loss", "bpd", "nce_accuracy", "nce_loss"),
                MetricCatalogue.claimableNames().subList(0, 9));
        assertFalse(MetricCatalogue.claimableNames().contains("kid_sd"), "descriptive");
        assertFalse(MetricCatalogue.claimableNames().contains("n_generated"));
        assertTrue(MetricCatalogue.claimableNames().contains("ess"));
    }

    @Test
    void axisTitlesCarryUnitAndDirection() {
        assertEquals("NLL (nats), lower is better", MetricCatalogue.find("nll").orElseThrow().axisTitle());
        assertEquals("KID, lower is better", MetricCatalogue.find("kid").orElseThrow().axisTitle());
        assertEquals("KL (nats)", MetricCatalogue.find("kl").orElseThrow().axisTitle(), "neither direction is better");
        assertTrue(MetricCatalogue.find("n_real").orElseThrow().descriptive());
        assertEquals(Metric.Range.NON_NEGATIVE, MetricCatalogue.find("ess").orElseThrow().range());
        assertEquals(Metric.Range.ANY, MetricCatalogue.find("nll").orElseThrow().range());
    }

    @Test
    void timingsByUnit() {
        Metric epoch = MetricCatalogue.timing("epoch_seconds").orElseThrow();
        assertEquals(Metric.Better.LOWER, epoch.better());
        assertEquals("s", epoch.unit());
        Metric rate = MetricCatalogue.timing("mala_steps_per_second").orElseThrow();
        assertEquals(Metric.Better.HIGHER, rate.better(), "a timing the catalogue does not list, named by its unit");
        assertEquals("1/s", rate.unit());
        assertTrue(MetricCatalogue.timing("epochs").isEmpty());
        assertEquals(List.of("train_seconds", "epoch_seconds", "nll_seconds", "langevin_steps_per_second", "engine_seconds"),
                MetricCatalogue.names(Metric.Scope.TIMING));
    }
}
