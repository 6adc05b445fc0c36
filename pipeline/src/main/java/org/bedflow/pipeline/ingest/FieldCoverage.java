package org.bedflow.pipeline.ingest;

import java.util.List;

import org.bedflow.pipeline.descriptor.FeedDescriptor;

/**
 * The optional fields that indicators and measures need, per feed role, in one place
 * (checked against docs/indicators.md and docs/measures.md): a source (descriptor) whose
 * rows never fill any of an entry's fields is named in the {@code validate} output and the
 * run report with what it disables. The fields of national exclusions that only the link
 * step can judge per provider (patient classification, specialty, procedures) are
 * {@link org.bedflow.pipeline.link.RuleCoverage}'s; required fields already fail validation.
 *
 * <p>A field counts as filled when at least one row of the source has a usable value for it
 * after validation (a value dropped by a WARNING does not count). An entry marked fatal stops
 * the run after validate (exit code 3): a hospital source without any residence puts every
 * one of its spells in area {@code UNKNOWN}.
 */
public final class FieldCoverage {

    /**
     * @param role     the feed role
     * @param fields   the fields any one of which is enough
     * @param disables the indicators and measures that lose this source's rows, in a sentence
     * @param fatal    whether a source that never fills them stops the run
     * @param columnFix what to map, for the fix ("the column that holds ... to field")
     */
    public record Need(String role, List<String> fields, String disables, boolean fatal, String columnFix) {

        /** The one-line fix naming the descriptor file. */
        public String fix(FeedDescriptor d) {
            return "map " + columnFix + " under columns: in " + d.origin();
        }
    }

    /** Field to indicators and measures (docs/indicators.md, "Indicators"; docs/measures.md). */
    public static final List<Need> NEEDS = List.of(
            new Need("apc_admissions", List.of("residence_lad_code", "lsoa_code"),
                    "every spell is in area UNKNOWN: no indicator, delayed_discharge_monthly, delayed_discharge_breakdown "
                            + "or inpatient_snapshot counts them by unitary area", true,
                    "the column that holds the district of residence to residence_lad_code, or the LSOA to lsoa_code,"),
            new Need("apc_admissions", List.of("nhs_number"),
                    "spells cannot be linked to social care or followed: emergency_readmissions_30d, "
                            + "reablement_after_discharge, reablement_remained_in_community_12wk, linkage rate", false,
                    "the column that holds the NHS number to nhs_number"),
            new Need("apc_admissions", List.of("primary_diagnosis"),
                    "chronic_acsc_admissions, acute_acsc_admissions, falls_admissions_65plus", false,
                    "the column that holds the primary diagnosis (ICD-10) to primary_diagnosis"),
            new Need("apc_discharges", List.of("discharge_ready_date"),
                    "discharged_on_drd, mean_discharge_delay_days, delayed_beds_per_day_per_100k_18plus, delay days in "
                            + "delayed_discharge_monthly and delayed_discharge_breakdown", false,
                    "the column that holds the discharge ready (medically optimised) date to discharge_ready_date"),
            new Need("apc_discharges", List.of("delay_reason"),
                    "delay reason categories and responsible sectors of delayed_discharge_breakdown (every delay counts "
                            + "as other / unknown)", false,
                    "the column that holds the reason for delay to delay_reason"),
            new Need("apc_discharges", List.of("discharge_pathway"),
                    "the pathway breakdown of delayed_discharge_breakdown (every discharge is pathway unknown)", false,
                    "the column that holds the discharge pathway to discharge_pathway"),
            new Need("social_care_events", List.of("service_type"),
                    "residential_admissions_18_64, residential_admissions_65plus (ASCOF 2B, 2C), "
                            + "reablement_after_discharge, reablement_remained_in_community_12wk (ASCOF 2D), the care "
                            + "component of delayed_discharge_breakdown", false,
                    "the column that holds the service type to service_type"),
            new Need("social_care_events", List.of("service_component"),
                    "residential placements are told from others by service type only (ASCOF 2B, 2C), reablement "
                            + "episodes (ASCOF 2D)", false,
                    "the column that holds the service component to service_component"),
            new Need("social_care_events", List.of("event_outcome"),
                    "residential_admissions_18_64, residential_admissions_65plus (ASCOF 2B, 2C: outcome of the "
                            + "placement)", false,
                    "the column that holds the event outcome to event_outcome"),
            new Need("social_care_events", List.of("date_of_death"),
                    "reablement_remained_in_community_12wk (ASCOF 2D part 1: deaths are not seen)", false,
                    "the column that holds the date of death to date_of_death"),
            new Need("social_care_events", List.of("residence_lad_code", "postcode"),
                    "events are placed by the submitting council only (la_code): county-era events are UNKNOWN and "
                            + "not counted in residential_admissions_18_64, residential_admissions_65plus", false,
                    "the column that holds the district of residence to residence_lad_code, or the postcode to postcode,"));

    private FieldCoverage() {
    }

    /** The entries of one role. */
    public static List<Need> of(String role) {
        return NEEDS.stream().filter(n -> n.role().equals(role)).toList();
    }

    /** Every field some entry of the role watches, in order, once. */
    public static List<String> fields(String role) {
        return of(role).stream().flatMap(n -> n.fields().stream()).distinct().toList();
    }
}
