package dev.dgmbench.engine;

/** How the decoder models a pixel: a categorical over K grey levels, or a Bernoulli for binary images (K = 2). */
public enum Likelihood { CATEGORICAL, BERNOULLI }
