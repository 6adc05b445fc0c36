package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;
import static org.bedflow.pipeline.schema.columns.GeographyColumns.LAD_CODE;
import static org.bedflow.pipeline.schema.columns.GeographyColumns.LSOA_CODE;
import static org.bedflow.pipeline.schema.columns.GeographyColumns.POSTCODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.RESIDENCE_LAD_CODE;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.LinkedSpellsColumns.UNITARY_AREA_NAME;
import static org.bedflow.pipeline.schema.columns.SocialCareEventsColumns.LA_CODE;

import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import org.bedflow.pipeline.schema.columns.SocialCareEventsColumns;

/**
 * The unitary area of residence (docs/measures.md, "Residence and area"): residence_lad_code
 * through the reorganisation mapping (a former district to its successor, a successor to
 * itself); when null, lsoa_code through the geography LSOA lookup (spells, contacts) or the
 * postcode through the geography postcode lookup (care events, then the council's own area);
 * else UNKNOWN. A code outside the mapping is OTHER. So pre-2021 data is reported by its future
 * unitary area.
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
     * The LSOA lookup: the geography rows without a postcode, {@code _geo_lsoa -> _geo_lad}. The
     * postcode rows are left out: many postcodes share an LSOA, and the LSOA rows are unique by key.
     */
    static Dataset<Row> lsoaLookup(Dataset<Row> geography) {
        return geography.filter(col(POSTCODE).isNull()).select(col(LSOA_CODE).as("_geo_lsoa"), col(LAD_CODE).as("_geo_lad"));
    }

    /**
     * The postcode lookup: the geography rows with a postcode, {@code _geo_postcode -> _geo_lad}, one row per
     * postcode. The key (lsoa_code, postcode) lets one postcode appear under two LSOAs (two vintages of the
     * directory); a postcode whose rows name two districts is left out rather than guessed.
     */
    static Dataset<Row> postcodeLookup(Dataset<Row> geography) {
        return geography.filter(col(POSTCODE).isNotNull())
                .groupBy(col(POSTCODE))
                .agg(min(col(LAD_CODE)).as("_lad_min"), max(col(LAD_CODE)).as("_lad_max"))
                .filter(col("_lad_min").equalTo(col("_lad_max")))
                .select(col(POSTCODE).as("_geo_postcode"), col("_lad_min").as("_geo_lad"));
    }

    /**
     * Spells get residence_lad_code filled from the LSOA lookup when missing, and
     * unitary_area / unitary_area_name. {@code geography} (the geography feed's columns) may be empty.
     */
    public static Dataset<Row> forSpells(Dataset<Row> spells, Dataset<Row> geography, ReorganisationMapping mapping) {
        Dataset<Row> joined = spells.join(broadcast(lsoaLookup(geography)),
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
     * residence_lad_code when present; else of the district of the event's postcode in the
     * geography postcode lookup (residence_lad_code is filled with it); else the submitting
     * council's own area when it is a unitary; else UNKNOWN (a county-era event with neither).
     * The postcode is dropped here: nothing after this holds it.
     *
     * @param geography the geography feed's columns (only its postcode rows are used); may be empty
     */
    public static Dataset<Row> forCareEvents(Dataset<Row> events, Dataset<Row> geography, ReorganisationMapping mapping) {
        Dataset<Row> joined = events.join(broadcast(postcodeLookup(geography)),
                col(RESIDENCE_LAD_CODE).isNull().and(col(SocialCareEventsColumns.POSTCODE).equalTo(col("_geo_postcode"))),
                "left");
        Column district = coalesce(col(RESIDENCE_LAD_CODE), col("_geo_lad"));
        Column fromResidence = coalesce(successor(mapping, district), lit(ReorganisationMapping.OTHER));
        Column fromCouncil = when(col(LA_CODE).startsWith("E06"),
                coalesce(successor(mapping, col(LA_CODE)), lit(ReorganisationMapping.OTHER)))
                .otherwise(lit(ReorganisationMapping.UNKNOWN));
        return joined
                .withColumn(UNITARY_AREA, when(district.isNotNull(), fromResidence).otherwise(fromCouncil))
                .withColumn(RESIDENCE_LAD_CODE, district)
                .withColumn(UNITARY_AREA_NAME, areaName(mapping, col(UNITARY_AREA)))
                .drop("_geo_postcode", "_geo_lad", SocialCareEventsColumns.POSTCODE);
    }
}
