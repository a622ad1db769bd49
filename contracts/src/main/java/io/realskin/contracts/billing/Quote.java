package io.realskin.contracts.billing;

/** The work to price: an operation, its model (for generation and inpainting), its size, and the masked share of it. */
public record Quote(String operation, String model, Double megapixels, Double maskedFraction) {
}
