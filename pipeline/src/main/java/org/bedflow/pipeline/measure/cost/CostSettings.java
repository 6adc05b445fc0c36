package org.bedflow.pipeline.measure.cost;

/**
 * The prices and scenarios of the report's cost section ({@code bedflow.cost.*}, docs/cost.md); {@code bedflow
 * whatif} starts from the same defaults and takes its own on the command line.
 */
public record CostSettings(UnitCosts prices, WhatIf whatIf) {

    public CostSettings {
        prices = prices == null ? UnitCosts.defaults() : prices;
        whatIf = whatIf == null ? WhatIf.defaults() : whatIf;
    }

    public static CostSettings defaults() {
        return new CostSettings(null, null);
    }
}
