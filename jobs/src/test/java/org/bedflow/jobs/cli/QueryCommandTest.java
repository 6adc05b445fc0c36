package org.bedflow.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.ExitCodes;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/commissioners.md: {@code query --output DIR "SQL"} runs SQL over the output tables (DuckDB,
 * or Spark with --engine spark) and prints a table, CSV or JSON; a bad query or a missing table
 * is a one-line error with the engine's own message, not a stack trace.
 */
class QueryCommandTest {

    @TempDir
    static Path out;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeAll
    static void anOutputFolder() {
        var spark = SharedSpark.session();
        StructType t = new StructType().add("unitary_area", DataTypes.StringType).add("month", DataTypes.StringType)
                .add("discharges", DataTypes.LongType).add("suppressed", DataTypes.BooleanType);
        spark.createDataFrame(List.of(RowFactory.create("E06000061", "2021-05", 120L, false),
                        RowFactory.create("E06000062", "2021-05", 85L, false),
                        RowFactory.create("E06000062", "2021-06", null, true)), t)
                .write().partitionBy("unitary_area").parquet(out.resolve("published/delayed_discharge_monthly").toString());
    }

    private int bedflow(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            return BedflowCli.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void a_query_prints_the_known_values_as_a_table() {
        int code = bedflow("query", "--output", out.toString(), "select unitary_area, month, discharges, suppressed "
                + "from published_delayed_discharge_monthly where unitary_area = 'E06000062' order by month");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains(
                "| unitary_area | month   | discharges | suppressed |",
                "| E06000062    | 2021-05 | 85         | false      |",
                "| E06000062    | 2021-06 | NULL       | true       |",
                "2 rows");
        // 120 + 85 = 205 (the suppressed month counts as nothing)
        assertThat(bedflow("query", "--output", out.toString(),
                "select sum(discharges) as total from published_delayed_discharge_monthly")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("| 205   |");
    }

    @Test
    void bad_sql_is_a_one_line_error_and_exit_code_1() {
        assertThat(bedflow("query", "--output", out.toString(), "selec * from published_delayed_discharge_monthly"))
                .isEqualTo(ExitCodes.FAILED);
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(err).startsWith("bedflow: bad query:").doesNotContain("\tat ");
        assertThat(err.strip().lines()).hasSize(1);
    }

    @Test
    void a_misspelt_keyword_shows_what_the_engine_says_and_where() {
        assertThat(bedflow("query", "--output", out.toString(), "selec 1")).isEqualTo(ExitCodes.FAILED);
        // DuckDB's parser message and the line it points at, not an empty "bad query: "
        assertThat(stderr.toString(StandardCharsets.UTF_8).strip())
                .startsWith("bedflow: bad query: Parser Error: syntax error at or near \"selec\"").contains("LINE 1:");
    }

    @Test
    void decimals_print_rounded_to_two_places_in_the_table_and_in_full_as_csv_and_json() {
        // 205 discharges over 3 months = 68.333...; 120 / 7 = 17.142857...
        String sql = "select sum(discharges) / 3.0::double as mean, 120 / 7.0::double as ratio, 'a,b' as label "
                + "from published_delayed_discharge_monthly";
        assertThat(bedflow("query", "--output", out.toString(), sql)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("| 68.33 | 17.14 | a,b   |");
        stdout.reset();
        assertThat(bedflow("query", "--output", out.toString(), "--format", "csv", sql)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("mean,ratio,label\r\n"
                + "68.33333333333333,17.142857142857142,\"a,b\"\r\n");
        stdout.reset();
        assertThat(bedflow("query", "--output", out.toString(), "--format", "json", sql)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("\"mean\" : 68.33333333333333",
                "\"label\" : \"a,b\"");
    }

    @Test
    void the_spark_engine_answers_the_same_query() {
        assertThat(bedflow("query", "--engine", "spark", "--output", out.toString(),
                "select sum(discharges) as total from published_delayed_discharge_monthly")).isZero();
        // 120 + 85 = 205, as on DuckDB
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("| 205   |");
    }

    @Test
    void a_missing_table_names_the_tables_there_are() {
        assertThat(bedflow("query", "--output", out.toString(), "select * from indicators")).isEqualTo(ExitCodes.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("bedflow: bad query:")
                .contains("indicators", "(tables: published_delayed_discharge_monthly)");
    }

    @Test
    void a_missing_output_folder_is_named() {
        assertThat(bedflow("query", "--output", out.resolve("nowhere").toString(), "select 1"))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("nowhere", "does not exist");
    }
}
