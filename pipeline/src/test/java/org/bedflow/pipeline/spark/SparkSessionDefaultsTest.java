package org.bedflow.pipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** bedflow's Spark settings on one machine and on a cluster (docs/performance.md, "Settings"). */
class SparkSessionDefaultsTest {

    @Test
    void localRunsHaveNoWebUi() {
        assertEquals("false", SparkSessions.defaults("local[*]").get("spark.ui.enabled"));
        assertEquals("false", SparkSessions.defaults("local[2]").get("spark.ui.enabled"));
    }

    @Test
    void aClusterKeepsItsWebUi() {
        assertFalse(SparkSessions.defaults("spark://master:7077").containsKey("spark.ui.enabled"));
        assertFalse(SparkSessions.defaults("yarn").containsKey("spark.ui.enabled"));
    }

    @Test
    void theOtherDefaultsHoldEverywhere() {
        assertEquals("UTC", SparkSessions.defaults("local[*]").get("spark.sql.session.timeZone"));
        assertEquals("UTC", SparkSessions.defaults("yarn").get("spark.sql.session.timeZone"));
    }
}
