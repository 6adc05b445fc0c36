package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTH;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.NORTHANTS;
import static org.bedflow.pipeline.measure.indicators.IndicatorFixtures.WEST;
import static org.bedflow.pipeline.testing.Frames.row;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.link.CommunityContacts;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.link.LinkedSpells;
import org.bedflow.pipeline.link.PersonKeys;
import org.bedflow.pipeline.link.PseudonymKey;
import org.bedflow.pipeline.measure.ReportingGrid;
import org.bedflow.pipeline.reference.DelayReasons;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.Test;

/**
 * ucr_no_emergency_admission_7d (docs/adding-a-feed.md, worked example 3): of the urgent
 * community response contacts of residents whose 7 days are over by the run date, the
 * share not followed by an emergency admission of the same person on the contact day or
 * the 6 days after it (admission_date - contact_date in 0...6). An admission on day 7 is
 * not within 7 days.
 */
class UrgentCommunityResponseTest {

    static final PseudonymKey KEY = PseudonymKey.of("a-test-key-of-sixteen-bytes-or-more", "test");
    static final LocalDate RUN_DATE = LocalDate.of(2022, 4, 1);
    static final String UCR = "Urgent Community Response";
    // valid NHS numbers (Modulus 11), one per person
    static final String A = "9434765919";
    static final String B = "9434765870";
    static final String C = "9990000018";
    static final String D = "9990000174";
    static final String E = "9990000239";
    static final String F = "9993562300";
    static final String G = "9991238360";
    static final String I = "9990777675";
    static final String J = "9991411690";
    static final String K = "9996105318";

    final SparkSession spark = SharedSpark.session();
    int ids;

    Map<String, Object> contact(String nhs, String service, String date, String district) {
        return row("provider_code", "RP1", "contact_id", "C" + (++ids), "nhs_number", nhs, "age", 80,
                "residence_lad_code", district, "service_type", service, "contact_date", date,
                "submitted_at", "2022-03-31T22:00:00");
    }

    Map<String, Object> emergency(String nhs, String admitted) {
        return IndicatorFixtures.spell("person_key", PersonKeys.personKey(KEY.bytes(), nhs), "admission_date", admitted,
                "admission_month", admitted.substring(0, 7), "discharge_date", admitted, "discharge_month",
                admitted.substring(0, 7), "los_days", 0);
    }

    @Test
    void the_share_of_contacts_not_followed_by_an_emergency_admission_on_days_0_to_6() {
        // West Northamptonshire (Northampton E07000154), March 2022, run date 2022-04-01: contacts up to 2022-03-25 count
        List<Map<String, Object>> contacts = List.of(
                contact(A, UCR, "2022-03-01", "E07000154"),   // A admitted 2022-03-07: day 6, followed
                contact(B, UCR, "2022-03-01", "E07000154"),   // B admitted 2022-03-08: day 7, not within 7 days
                contact(C, UCR, "2022-03-01", "E07000154"),   // C admitted 2022-03-09: day 8, not followed
                contact(D, UCR, "2022-03-02", "E07000154"),   // D admitted the same day: day 0, followed
                contact(E, UCR, "2022-03-02", "E07000154"),   // E's admission on day 1 is elective: not followed
                contact(F, UCR, "2022-03-05", "E07000154"),   // F was admitted the day before: not followed
                contact(A, UCR, "2022-03-20", "E07000154"),   // A again, nothing after it: every contact counts
                contact(G, UCR, "2022-03-26", "E07000154"),   // after run date - 7: its week is not over, left out
                contact(null, UCR, "2022-03-03", "E07000154"), // no NHS number: cannot be followed, left out
                contact(I, "Virtual Ward", "2022-03-03", "E07000154"), // not an urgent community response, left out
                contact(J, UCR, "2022-02-10", "E07000150"),   // Corby: North Northamptonshire, February, not followed
                contact(K, UCR, "2022-03-10", "E07000131"));  // Harborough: outside the configured areas, left out
        List<Map<String, Object>> spells = new ArrayList<>(List.of(
                emergency(A, "2022-03-07"), emergency(B, "2022-03-08"), emergency(C, "2022-03-09"),
                emergency(D, "2022-03-02"), emergency(F, "2022-03-04"), emergency(G, "2022-03-28"),
                emergency(I, "2022-03-04"), emergency(K, "2022-03-11")));
        spells.add(IndicatorFixtures.spell("person_key", PersonKeys.personKey(KEY.bytes(), E), "admission_date",
                "2022-03-03", "admission_month", "2022-03", "admission_method", "11", "is_emergency", false));

        List<String> rows = indicator(contacts, spells, "2022-02", "2022-03");

        // West, March: denominator A, B, C, D, E, F, A again = 7; followed A (day 6) and D (day 0);
        // numerator 7 - 2 = 5, value 100 x 5 / 7 = 71.43 %; Wilson with z = 1.959964:
        // (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)) x 100 = (13.8415 -/+ 6.0587) / 21.6829 x 100
        // = 35.89 % to 91.78 %
        assertThat(rows).contains(
                WEST + " month 2022-02 0/0 null",
                WEST + " month 2022-03 5/7 71.43 [35.89, 91.78]",
                NORTH + " month 2022-02 1/1 100.00 [20.65, 100.00]",
                NORTH + " month 2022-03 0/0 null",
                // financial years: the sum of their months in the grid
                WEST + " financial_year 2021-22 5/7 71.43 [35.89, 91.78]",
                NORTH + " financial_year 2021-22 1/1 100.00 [20.65, 100.00]");
    }

    @Test
    void every_area_and_month_of_the_grid_gets_a_row_in_the_indicators_columns() {
        Dataset<Row> out = UrgentCommunityResponse.indicator(spark,
                CommunityContacts.contacts(spark, Frames.feed(Feeds.COMMUNITY_CONTACTS, List.of()),
                        Frames.feed(Feeds.GEOGRAPHY, List.of()), KEY, NORTHANTS),
                IndicatorFixtures.spells(List.of()), IndicatorFixtures.grid("2021-03", "2021-05"), RUN_DATE, "run-1");

        // 2 areas x (3 months + financial years 2020-21 and 2021-22)
        assertThat(out.count()).isEqualTo(2 * (3 + 2));
        assertThat(out.columns()).containsExactly("unitary_area", "unitary_area_name", "period_type", "period", "period_start", "period_end",
                "indicator", "numerator", "denominator", "value", "value_type", "lower_95", "upper_95", "numerator_discharges", "national_reference",
                "provisional", "run_id");
        Row first = out.orderBy("unitary_area", "period_type", "period").first();
        assertThat(first.<String>getAs("indicator")).isEqualTo("ucr_no_emergency_admission_7d");
        assertThat(first.<String>getAs("value_type")).isEqualTo("percent");
        assertThat(first.<Object>getAs("value")).as("no contacts: no value").isNull();
        assertThat(first.<String>getAs("run_id")).isEqualTo("run-1");
    }

    @Test
    void the_indicators_table_carries_the_same_rows() {
        List<Map<String, Object>> contacts = List.of(contact(A, UCR, "2022-03-01", "E07000154"),
                contact(B, UCR, "2022-03-01", "E07000154"), contact(J, UCR, "2022-02-10", "E07000150"));
        List<Map<String, Object>> spells = List.of(emergency(A, "2022-03-07"), emergency(B, "2022-03-08"));
        Dataset<Row> linkable = CommunityContacts.contacts(spark, Frames.feed(Feeds.COMMUNITY_CONTACTS, contacts),
                Frames.feed(Feeds.GEOGRAPHY, List.of()), KEY, NORTHANTS);
        ReportingGrid grid = IndicatorFixtures.grid("2022-02", "2022-03");
        Dataset<Row> spellFrame = IndicatorFixtures.spells(spells);
        StructType careEvents = LinkedSpells.careEvents(spark, Frames.feed(Feeds.SOCIAL_CARE_EVENTS, List.of()),
                new LinkedSpells.Settings(KEY, NORTHANTS, DelayReasons.load("dtoc"), DrdSettings.defaults(), "r")).schema();

        Dataset<Row> table = Indicators.compute(spark, spellFrame, Frames.of(careEvents, List.of()), linkable,
                Frames.feed(Feeds.POPULATION, List.of()), NORTHANTS, grid, RUN_DATE, "r");
        Dataset<Row> alone = UrgentCommunityResponse.indicator(spark, linkable, spellFrame, grid, RUN_DATE, "r");

        // West March: A followed on day 6, B (day 7) not: 1 of 2; North February: 1 of 1
        Dataset<Row> fromTable = table.filter(col("indicator").equalTo(UrgentCommunityResponse.INDICATOR));
        assertThat(fromTable.count()).isEqualTo(2 * (2 + 1));
        assertThat(fromTable.select(alone.columns()[0], java.util.Arrays.copyOfRange(alone.columns(), 1,
                alone.columns().length)).except(alone).count()).isZero();
        assertThat(alone.filter("unitary_area = '" + WEST + "' and period = '2022-03'").first().<Long>getAs("numerator"))
                .isEqualTo(1L);
    }

    /** "area period_type period numerator/denominator value [lower, upper]" for every row */
    List<String> indicator(List<Map<String, Object>> contacts, List<Map<String, Object>> spells, String first,
                           String last) {
        Dataset<Row> linkable = CommunityContacts.contacts(spark, Frames.feed(Feeds.COMMUNITY_CONTACTS, contacts),
                Frames.feed(Feeds.GEOGRAPHY, List.of()), KEY, NORTHANTS);
        Dataset<Row> out = UrgentCommunityResponse.indicator(spark, linkable, IndicatorFixtures.spells(spells),
                IndicatorFixtures.grid(first, last), RUN_DATE, "r");
        List<String> rows = new ArrayList<>();
        for (Row r : out.collectAsList()) {
            Double value = r.getAs("value");
            String counts = r.<Long>getAs("numerator") + "/" + Math.round(r.<Double>getAs("denominator"));
            rows.add(r.getAs("unitary_area") + " " + r.getAs("period_type") + " " + r.getAs("period") + " "
                    + (value == null ? counts + " null"
                    : counts + String.format(" %.2f [%.2f, %.2f]", value, r.<Double>getAs("lower_95"),
                    r.<Double>getAs("upper_95"))));
        }
        return rows;
    }
}
