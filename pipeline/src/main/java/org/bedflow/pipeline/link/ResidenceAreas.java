package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.GeographyColumns.LAD_CODE;
import static org.bedflow.pipeline.schema.columns.GeographyColumns.LSOA_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.RESIDENCE_LAD_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA_NAME;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;

import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.ReorganisationMapping;

/**
 * The unitary area of residence (docs/measures.md, "Residence and area"): residence_lad_code
 * through the reorganisation mapping (a former district to its successor, a successor to
 * itself); when null, lsoa_code through the geography lookup; else UNKNOWN. A code outside
 * the mapping is OTHER. So pre-2021 data is reported by its future unitary area.
 */
public final class ResidenceAreas {

    private ResidenceAreas() {
    }

    /** successor code of {@code code} (null when outside the mapping), as a CASE expression. */
    public static Column successor(ReorganisationMapping mapping, Column code) {
        Column out = lit(null).cast("string");
        for (Map.Entry<String, String> e : mapping.successorMap().entrySet()) {
            out = when(code.equalTo(e.getKey()), lit(e.getValue())).otherwise(out);
        }
        return out;
    }

    public static Column areaName(ReorganisationMapping mapping, Column area) {
        Column out = lit(mapping.areaName(ReorganisationMapping.OTHER));
        for (Map.Entry<String, String> e : mapping.areas().entrySet()) {
            out = when(area.equalTo(e.getKey()), lit(e.getValue())).otherwise(out);
        }
        return when(area.equalTo(ReorganisationMapping.UNKNOWN), lit(mapping.areaName(ReorganisationMapping.UNKNOWN)))
                .otherwise(out);
    }

    /**
     * Spells get residence_lad_code filled from the LSOA lookup when missing, and
     * unitary_area / unitary_area_name. {@code geography} (lsoa_code, lad_code) may be empty.
     */
    public static Dataset<Row> forSpells(Dataset<Row> spells, Dataset<Row> geography, ReorganisationMapping mapping) {
        Dataset<Row> lookup = geography.select(col(LSOA_CODE).as("_geo_lsoa"), col(LAD_CODE).as("_geo_lad"));
        Dataset<Row> joined = spells.join(broadcast(lookup),
                col(RESIDENCE_LAD_CODE).isNull().and(col(LSOA_CODE).equalTo(col("_geo_lsoa"))), "left");
        Column district = coalesce(col(RESIDENCE_LAD_CODE), col("_geo_lad"));
        Column area = when(district.isNull(), lit(ReorganisationMapping.UNKNOWN))
                .otherwise(coalesce(successor(mapping, district), lit(ReorganisationMapping.OTHER)));
        return joined
                .withColumn(RESIDENCE_LAD_CODE, district)
                .withColumn(UNITARY_AREA, area)
                .withColumn(UNITARY_AREA_NAME, areaName(mapping, col(UNITARY_AREA)))
                .drop("_geo_lsoa", "_geo_lad");
    }

    /**
     * Social care events (docs/measures.md, "Residence and area"): the area of
     * residence_lad_code when present, else the submitting council's own area when it is a
     * unitary; county-era events without a residence are UNKNOWN.
     */
    public static Dataset<Row> forCareEvents(Dataset<Row> events, ReorganisationMapping mapping) {
        Column fromResidence = coalesce(successor(mapping, col(RESIDENCE_LAD_CODE)), lit(ReorganisationMapping.OTHER));
        Column fromCouncil = when(col(LA_CODE).startsWith("E06"),
                coalesce(successor(mapping, col(LA_CODE)), lit(ReorganisationMapping.OTHER)))
                .otherwise(lit(ReorganisationMapping.UNKNOWN));
        return events
                .withColumn(UNITARY_AREA, when(col(RESIDENCE_LAD_CODE).isNotNull(), fromResidence).otherwise(fromCouncil))
                .withColumn(UNITARY_AREA_NAME, areaName(mapping, col(UNITARY_AREA)));
    }
}
