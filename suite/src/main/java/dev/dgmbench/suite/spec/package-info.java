/**
 * The study spec: its schema ({@link Schema}, one definition of every field, which docs/spec.md's tables are generated
 * from), loading and binding YAML, cross-field and resource checks, the samplers' descriptors ({@link
 * SamplerCatalogue}) and the validated {@link StudySpec}.
 *
 * <p>May import: {@code suite.claims}, {@code suite.backend}, {@code models.data}, {@code models.sampling}, the engine
 * seam, {@code results}, SnakeYAML. Imported by the other suite packages.
 */
package dev.dgmbench.suite.spec;
