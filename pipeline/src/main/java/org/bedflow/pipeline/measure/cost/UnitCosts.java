package org.bedflow.pipeline.measure.cost;

import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.reference.ReferenceFiles;

/**
 * The prices of the cost section and of {@code bedflow whatif} (docs/cost.md): a bed day lost to a delay is priced as
 * an excess bed day, an avoided emergency admission for an ambulatory care sensitive condition as a non-elective
 * admission. Defaults from {@code reference/unit_costs.csv}, which cites each figure's national source and year and
 * says what was verified; an analyst's own figures replace them ({@code bedflow.cost.*}, or the command line), and
 * then the source reads "configured".
 *
 * @param excessBedDay          £ per bed day
 * @param excessBedDaySource    where the figure comes from, with its year
 * @param nonElectiveSpell      £ per non-elective admission
 * @param nonElectiveSpellSource where that figure comes from, with its year
 */
public record UnitCosts(double excessBedDay, String excessBedDaySource, double nonElectiveSpell,
                        String nonElectiveSpellSource) {

    public static final String FILE = "unit_costs.csv";
    static final String EXCESS_BED_DAY = "excess_bed_day";
    static final String NON_ELECTIVE_SPELL = "non_elective_spell";
    static final String CONFIGURED = "configured";

    public UnitCosts {
        if (!(excessBedDay >= 0) || !(nonElectiveSpell >= 0)) {
            throw new IllegalArgumentException("unit costs must be 0 or more (£ per bed day " + excessBedDay
                    + ", £ per non-elective admission " + nonElectiveSpell + ")");
        }
    }

    /** The bundled defaults. */
    public static UnitCosts defaults() {
        List<Map<String, String>> rows = ReferenceFiles.bundled(FILE);
        Map<String, String> bedDay = row(rows, EXCESS_BED_DAY);
        Map<String, String> spell = row(rows, NON_ELECTIVE_SPELL);
        return new UnitCosts(Double.parseDouble(bedDay.get("value_gbp")), source(bedDay),
                Double.parseDouble(spell.get("value_gbp")), source(spell));
    }

    /** The defaults with the analyst's figures where given (null keeps the default). */
    public static UnitCosts of(Double excessBedDay, Double nonElectiveSpell) {
        UnitCosts d = defaults();
        return new UnitCosts(excessBedDay == null ? d.excessBedDay : excessBedDay,
                excessBedDay == null ? d.excessBedDaySource : CONFIGURED,
                nonElectiveSpell == null ? d.nonElectiveSpell : nonElectiveSpell,
                nonElectiveSpell == null ? d.nonElectiveSpellSource : CONFIGURED);
    }

    private static Map<String, String> row(List<Map<String, String>> rows, String cost) {
        return rows.stream().filter(r -> cost.equals(r.get("cost"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("reference/" + FILE + " has no row " + cost));
    }

    /** The figure's year and short name, for a line beside the figures; the full citation is in the file. */
    private static String source(Map<String, String> row) {
        return row.get("financial_year") + ", " + row.get("label") + ", reference/" + FILE;
    }
}
