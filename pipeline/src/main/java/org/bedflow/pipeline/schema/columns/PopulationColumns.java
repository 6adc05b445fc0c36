package org.bedflow.pipeline.schema.columns;

/**
 * Column names of the feed {@code population}: one constant per field of its Avro schema
 * (schemas/src/main/avro/feed/population.avsc), in schema order. Kept by hand; {@code
 * ColumnConstantsTest} fails when the schema and these constants differ.
 */
public final class PopulationColumns {

    /** district or unitary ONS code */
    public static final String AREA_CODE = "area_code";
    /** mid-year of the estimate (population at 30 June) */
    public static final String YEAR = "year";
    /** 1 male, 2 female */
    public static final String SEX = "sex";
    /** single year of age 0-90, 90 meaning 90 and over */
    public static final String AGE = "age";
    /** number of people */
    public static final String POPULATION = "population";

    private PopulationColumns() {
    }
}
