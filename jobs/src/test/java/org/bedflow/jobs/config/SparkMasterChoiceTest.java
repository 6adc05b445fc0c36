package org.bedflow.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which master the job's SparkSession gets: bedflow's own setting, or spark-submit's when bedflow's is the default. */
class SparkMasterChoiceTest {

    @Test
    void without_spark_submit_bedflow_uses_its_own_setting() {
        assertEquals("local[*]", BedflowApplication.master("local[*]", null));
        assertEquals("spark://a:7077", BedflowApplication.master("spark://a:7077", null));
    }

    @Test
    void under_spark_submit_its_master_replaces_the_default() {
        assertEquals("yarn", BedflowApplication.master("local[*]", "yarn"));
        assertEquals("spark://b:7077", BedflowApplication.master(null, "spark://b:7077"));
    }

    @Test
    void a_master_given_to_bedflow_wins_over_spark_submits() {
        assertEquals("spark://a:7077", BedflowApplication.master("spark://a:7077", "yarn"));
        assertEquals("local[2]", BedflowApplication.master("local[2]", "spark://b:7077"));
    }
}
