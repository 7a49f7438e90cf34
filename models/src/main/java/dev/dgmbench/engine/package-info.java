/**
 * The engine seam: one runtime interface per model kind ({@link VaeModel}, {@link VaeGroup}, {@link RatioClassifier},
 * {@link ImageClassifier}), the canonical weights they move in ({@link VaeWeights}, {@link MlpWeights}), the engine
 * chosen by name ({@link Engines}), and every random number drawn from a run seed ({@link Seeds}, {@link Noise}), so
 * engines differ by rounding only.
 *
 * <p>May import: {@code models.data}. Everything else that computes imports it, never the other way round: an engine
 * is found through {@link EngineProvider}.
 */
package dev.dgmbench.engine;
