package dev.dgmbench.suite.spec;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.prior.AggregatePosterior;
import dev.dgmbench.models.prior.DefensiveProposal;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.prior.NceFit;
import dev.dgmbench.models.prior.SmcNormaliser;
import dev.dgmbench.models.prior.WeightedCodes;
import dev.dgmbench.models.sampling.ChainLength;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.sampling.LatentSampler;
import dev.dgmbench.models.sampling.SamplerOutput;
import dev.dgmbench.results.MetricCatalogue;
import dev.dgmbench.suite.plan.CostModel;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.ResolvedRun;
import dev.dgmbench.suite.plan.StoppingForecast;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The sampler descriptors: what the spec, the cost model and the pipeline read from them. */
class SamplerCatalogueTest {
    @Test
    void theResultFormatsDisplayOrderBeginsTheCatalogue() {
        List<String> names = SamplerCatalogue.names();
        assertEquals(MetricCatalogue.SAMPLERS, names.subList(0, MetricCatalogue.SAMPLERS.size()));
        assertEquals(List.of("langevin", "mala", "sir"), SamplerCatalogue.nceNames());
        assertFalse(SamplerCatalogue.PRIOR.needsNcePrior());
    }

    @Test
    void everyDescriptorBuildsTheSamplerOfItsNameFromItsDefaultSettings() {
        // a spec enabling every sampler with its defaults: the schema section of each descriptor fills them
        StringBuilder yaml = new StringBuilder("name: all-samplers\nsamplers:\n  samples: 16\n");
        for (String name : SamplerCatalogue.names()) yaml.append("  ").append(name).append(": {}\n");
        StudySpec spec = SpecLoader.parse(yaml.toString(), "all-samplers.yaml", null, false);
        assertEquals(SamplerCatalogue.names(), spec.samplers().enabled());
        RatioClassifier c = FusedEngine.java().ratioClassifier(NceTraining.linear(new double[]{1, 0}, 0));
        LatentProposal aggregate = new DefensiveProposal(AggregatePosterior.of(new float[]{1, 0, 0, 0}, 1, 2, 1));
        WeightedCodes particles = SmcNormaliser.estimate(c, 2, 8, 5, 1).particles();
        for (SamplerCatalogue.Sampler<?> d : SamplerCatalogue.ALL) {
            Record settings = spec.samplers().settings().get(d.name());
            assertEquals(d.settings(), settings.getClass());
            LatentSampler s = d.create(settings, 2, d.needsNcePrior() ? new NceFit(c, aggregate, particles) : null);
            assertEquals(d.name(), s.name());
            SamplerOutput o = s.sample(4, 1);
            assertEquals(4, o.n());
            assertEquals(8, o.z().length);
            assertTrue(d.work(settings).steps() >= 0 && d.work(settings).classifierPasses() >= 0, d.name());
        }
    }

    @Test
    void workIsCountedFromTheSettings() {
        assertEquals(new SamplerCatalogue.Work(0, 0, 0, 0, 0), SamplerCatalogue.PRIOR.work(new SamplerCatalogue.Prior()));
        assertEquals(new SamplerCatalogue.Work(120, 0, 3, 0, 0),
                SamplerCatalogue.LANGEVIN.work(new SamplerCatalogue.Langevin(100, 5000, 0.1, 1.0, 20, 0.574)));
        assertEquals(new SamplerCatalogue.Work(35, 0, 4, 0, 0),
                SamplerCatalogue.MALA.work(new SamplerCatalogue.Mala(30, 5000, 0.1, 5, 0.574)));
        // steps: auto: the burn-in always, and the cap, whose stop the cost model forecasts
        assertEquals(new SamplerCatalogue.Work(5, 700, 4, 0, 0),
                SamplerCatalogue.MALA.work(new SamplerCatalogue.Mala(ChainLength.AUTO, 700, 0.1, 5, 0.574)));
        assertEquals(new SamplerCatalogue.Work(0, 0, 0, 500, 500), SamplerCatalogue.SIR.work(
                new SamplerCatalogue.Sir(500, SamplerCatalogue.SirProposal.AGGREGATE_POSTERIOR)));
        assertEquals(new SamplerCatalogue.Work(0, 0, 0, 500, 0), SamplerCatalogue.SIR.work(
                new SamplerCatalogue.Sir(500, SamplerCatalogue.SirProposal.PRIOR)));
    }

    @Test
    void theCostModelChargesEachEnabledSamplerItsWork() {
        StudySpec spec = SpecLoader.loadShipped("quick", false);
        ResolvedRun run = Planner.plan(spec).runs().get(0).config();
        CostModel m = CostModel.REFERENCE;
        Map<String, Double> s = m.estimate(run, CostModel.pixels(spec), StoppingForecast.RULE_OF_THUMB).seconds();
        double prior = s.get("prior");
        assertTrue(prior > 0, "decoding the samples costs time");
        // Langevin: the decode plus (burn_in + steps) steps of 3 classifier passes per chain, by hand
        StudySpec.Nce nce = run.prior().nce();
        double q = 0, prev = run.model().latent();
        for (int w : nce.hidden()) {
            q += prev * w;
            prev = w;
        }
        q += prev;
        SamplerCatalogue.Langevin l = run.samplers().of(SamplerCatalogue.LANGEVIN);
        double n = run.samplers().samples();
        double byHand = prior + (l.burnIn() + l.steps()) * (n * 3 * q / m.inferenceMacsPerSecond() + m.stepOverheadSeconds());
        assertEquals(byHand, s.get("langevin"), 1e-12 * byHand);
        assertEquals(List.copyOf(run.samplers().enabled()),
                s.keySet().stream().filter(SamplerCatalogue.names()::contains).toList());
    }

    @Test
    void samplerSettingsKeepTheCatalogueOrderAndRejectUnknownNames() {
        Map<String, Record> reversed = new LinkedHashMap<>();
        reversed.put("sir", new SamplerCatalogue.Sir(7, SamplerCatalogue.SirProposal.PRIOR));
        reversed.put("prior", new SamplerCatalogue.Prior());
        StudySpec.Samplers s = new StudySpec.Samplers(3, StudySpec.Decode.MODE, reversed);
        assertEquals(List.of("prior", "sir"), s.enabled());
        assertNull(s.of(SamplerCatalogue.MALA));
        Map<String, Object> plain = s.toMap();
        assertEquals(List.of("samples", "decode", "prior", "sir"), List.copyOf(plain.keySet()));
        assertEquals(Map.of("proposals", 7, "proposal", "prior"), plain.get("sir"));
        assertEquals(s, StudySpec.fromMap(StudySpec.Samplers.class, plain));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StudySpec.Samplers(3, StudySpec.Decode.MODE, Map.of("gibbs", new SamplerCatalogue.Prior())));
        assertTrue(e.getMessage().contains("gibbs") && e.getMessage().contains("langevin"), e.getMessage());
    }
}
