package org.bedflow.pipeline.publish.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bedflow.pipeline.testing.Frames.row;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/commissioners.md "Excel and CSV": {@code bedflow export} writes the published tables,
 * a sheet per table, dates as date cells, a suppressed count as an empty cell; row-level
 * tables are refused.
 */
class TableExportTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void anOutputFolder() {
        SharedSpark.session();
        StructType t = new StructType().add("unitary_area", DataTypes.StringType).add("month", DataTypes.StringType)
                .add("period_start", DataTypes.DateType).add("discharges", DataTypes.LongType)
                .add("mean_delay_days", DataTypes.DoubleType);
        Frames.of(t, List.of(
                        row("unitary_area", "E06000061", "month", "2024-05", "period_start", java.sql.Date.valueOf("2024-05-01"),
                                "discharges", 120L, "mean_delay_days", 2.5),
                        row("unitary_area", "E06000062", "month", "2024-05", "period_start", java.sql.Date.valueOf("2024-05-01"),
                                "discharges", null, "mean_delay_days", null)))
                .write().partitionBy("unitary_area").parquet(out.resolve("published/delayed_discharge_monthly").toString());
        StructType s = new StructType().add("spell_id", DataTypes.StringType);
        Frames.of(s, List.of(row("spell_id", "S1"))).write().parquet(out.resolve("linked_spells").toString());
    }

    @Test
    void the_workbook_has_a_sheet_per_published_table_with_dates_as_dates_and_suppressed_cells_empty() throws Exception {
        List<Path> files = TableExport.export(out, List.of(), TableExport.Format.XLSX, out.resolve("x"));

        assertThat(files).containsExactly(out.resolve("x/bedflow-published.xlsx"));
        try (InputStream in = Files.newInputStream(files.get(0)); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = wb.getSheet("delayed_discharge_monthly");
            // columns of the file, then the partition column
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("month");
            int period = 1;
            int discharges = 2;
            var north = sheet.getRow(1);
            assertThat(north.getCell(period).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(north.getCell(period))).isTrue();
            assertThat(north.getCell(period).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2024, 5, 1));
            assertThat(north.getCell(discharges).getNumericCellValue()).isEqualTo(120.0);
            // West's count is suppressed: an empty cell, not 0
            assertThat(sheet.getRow(2).getCell(discharges)).isNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
        }
    }

    @Test
    void csv_is_one_file_per_table_with_iso_dates_and_empty_fields_for_nulls() throws Exception {
        List<Path> files = TableExport.export(out, List.of("delayed_discharge_monthly"), TableExport.Format.CSV,
                out.resolve("c"));

        assertThat(files).containsExactly(out.resolve("c/delayed_discharge_monthly.csv"));
        assertThat(Files.readString(files.get(0), StandardCharsets.UTF_8)).isEqualTo("\ufeff"
                + "month,period_start,discharges,mean_delay_days,unitary_area\r\n"
                + "2024-05,2024-05-01,120,2.5,E06000061\r\n"
                + "2024-05,2024-05-01,,,E06000062\r\n");
    }

    @Test
    void a_row_level_table_is_refused_naming_the_tables_that_can_be_exported() {
        assertThatThrownBy(() -> TableExport.export(out, List.of("linked_spells"), TableExport.Format.CSV,
                out.resolve("r"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row level and restricted")
                .hasMessageContaining("published tables: delayed_discharge_monthly");
        assertThat(out.resolve("r")).doesNotExist();
    }
}
