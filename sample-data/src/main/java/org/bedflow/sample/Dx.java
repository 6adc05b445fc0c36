package org.bedflow.sample;

/**
 * A primary diagnosis with the length of stay it typically brings.
 *
 * @param code       canonical ICD-10 (no dot, no filler): {@code J440}, {@code I10}
 * @param zeroDay    probability of a same-day (0-night) spell
 * @param medianLos  median nights of the stays that are not same-day
 * @param secondary  a secondary code that always comes with it (J44 after J20, a W fall code
 *                   after a fall injury, ...), or null
 */
record Dx(String code, double zeroDay, double medianLos, String secondary) {
}
