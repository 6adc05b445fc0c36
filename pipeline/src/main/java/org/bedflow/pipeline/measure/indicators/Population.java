package org.bedflow.pipeline.measure.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.bedflow.pipeline.schema.columns.IndicatorsColumns.UNITARY_AREA;
import static org.bedflow.pipeline.schema.columns.PopulationColumns.AGE;
import static org.bedflow.pipeline.schema.columns.PopulationColumns.AREA_CODE;
import static org.bedflow.pipeline.schema.columns.PopulationColumns.POPULATION;
import static org.bedflow.pipeline.schema.columns.PopulationColumns.YEAR;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.link.ResidenceAreas;
import org.bedflow.pipeline.reference.ReorganisationMapping;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Population denominators from the {@code population} feed (ONS mid-year estimates shape,
 * docs/data-dictionary.md): rows of former districts are summed into their successor unitary area, both
 * sexes together. A financial year {@code YYYY-YY} uses the mid-year estimate of year
 * {@code YYYY} (docs/indicators.md, "Population"), so 2020-21 uses mid-2020 (published for the seven districts)
 * and 2021-22 mid-2021.
 *
 * <p>Where the feed holds rows of the unitary area itself for a year (as ONS publishes from
 * mid-2021), those rows are used and the same year's district rows are ignored, so a feed
 * that carries both never counts people twice. Rows of codes outside the reorganisation
 * mapping (the former county, other areas) are ignored.
 */
public final class Population {

    /** The oldest single year of the feed: 90 means 90 and over. */
    public static final int OLDEST = 90;

    private Population() {
    }

    /** unitary_area, year, age, population: the feed summed into configured unitary areas. */
    public static Dataset<Row> byUnitary(Dataset<Row> population, ReorganisationMapping mapping) {
        Dataset<Row> mapped = population
                .withColumn(UNITARY_AREA, ResidenceAreas.successor(mapping, col(AREA_CODE)))
                .filter(col(UNITARY_AREA).isNotNull())
                .withColumn("_own", col(AREA_CODE).equalTo(col(UNITARY_AREA)));
        Dataset<Row> own = mapped.filter(col("_own")).select(UNITARY_AREA, YEAR).distinct()
                .withColumn("_has_own", lit(true));
        return mapped.join(own, CollectionConverters.asScala(List.of(UNITARY_AREA, YEAR)).toList(),
                        "left")
                .filter(col("_own").or(col("_has_own").isNull()))
                .groupBy(UNITARY_AREA, YEAR, AGE)
                .agg(sum(POPULATION).as(POPULATION))
                .select(UNITARY_AREA, YEAR, AGE, POPULATION);
    }

    /** {@link #byUnitary} collected to the driver (at most areas x years x 91 rows). */
    public static Table collect(Dataset<Row> byUnitary) {
        Map<String, long[]> out = new HashMap<>();
        for (Row r : byUnitary.collectAsList()) {
            long[] ages = out.computeIfAbsent(key(r.getAs(UNITARY_AREA), r.<Integer>getAs(YEAR)),
                    k -> new long[OLDEST + 1]);
            ages[Math.min(r.<Integer>getAs(AGE), OLDEST)] += r.<Long>getAs(POPULATION);
        }
        return new Table(out);
    }

    private static String key(String area, int year) {
        return area + "|" + year;
    }

    /** Populations by unitary area, mid-year and single year of age. */
    public static final class Table {

        private final Map<String, long[]> byAreaYear;

        Table(Map<String, long[]> byAreaYear) {
            this.byAreaYear = byAreaYear;
        }

        /**
         * People aged {@code fromAge..toAge} (ages over 90 are in the 90 row) in the area at
         * mid-year {@code year}; null when the feed has no rows for that area and year.
         */
        public Long count(String area, int year, int fromAge, int toAge) {
            long[] ages = byAreaYear.get(key(area, year));
            if (ages == null) {
                return null;
            }
            long n = 0;
            for (int a = fromAge; a <= Math.min(toAge, OLDEST); a++) {
                n += ages[a];
            }
            return n;
        }

        public Long count(String area, int year, AgeGroup group) {
            return count(area, year, group.from(), group.to());
        }
    }
}
