package org.bedflow.pipeline.publish.feedback;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.bedflow.pipeline.testing.Frames.row;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.publish.ManifestFiles;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback.Month;
import org.bedflow.pipeline.schema.Feeds;
import org.bedflow.pipeline.schema.OutputTables;
import org.bedflow.pipeline.testing.Frames;
import org.bedflow.pipeline.testing.LeakScan;
import org.bedflow.pipeline.testing.SharedSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md, "Feedback files for suppliers": a supplier's folder holds its own rows to fix only, rejects
 * without a supplier go to {@code _unattributed}, the summary's figures are counts of the supplier's accepted rows,
 * and nothing identifying goes out. Tiny tables in, figures worked out by hand in the comments.
 */
class FeedbackFilesTest {

    static final LocalDate RUN_DATE = LocalDate.parse("2024-06-30");
    static final String NHS = "9434765919";
    static final String PERSON = "P-000123";
    static final String POSTCODE = "NN1 1AA";

    @TempDir
    static Path out;

    static Dataset<Row> rejects;
    static SupplierFeedback.Contents contents;
    static List<RunManifest.FeedbackFolder> written;

    @BeforeAll
    static void aRunWithRejectsSpellsAndCareEvents() {
        rejects = Frames.of(OutputTables.REJECTS.sparkType(), List.of(
                reject("apc_admissions", 2, "ERROR", "BAD_DATE",
                        "admission_date 31/02/2024 is not a date (dd/MM/yyyy)",
                        "{\"provider_code\":\"RXA\",\"spell_id\":\"S9\",\"nhs_number\":\"******5919\",\"admission_date\":\"31/02/2024\"}"),
                reject("apc_discharges", 3, "WARNING", "UNMAPPED_CODE",
                        "delay_reason ZZ is not in the delay reason mapping; it is reported as other / unknown",
                        "{\"provider_code\":\"rxa \",\"spell_id\":\"S1\",\"delay_reason\":\"ZZ\"}"),
                reject("apc_discharges", 4, "WARNING", "DRD_OUT_OF_RANGE",
                        "discharge_ready_date 2024-01-01 is outside the spell; left out",
                        "{\"provider_code\":\"RXB\",\"spell_id\":\"S2\",\"discharge_ready_date\":\"2024-01-01\"}"),
                reject("social_care_events", 2, "WARNING", "INVALID_NHS_NUMBER",
                        "nhs_number ******1234 is not a valid NHS number (10 digits, Modulus 11 check); left out",
                        "{\"la_code\":\"E06000062\",\"event_id\":\"E1\",\"nhs_number\":\"******1234\",\"postcode\":\"NN1 ***\"}"),
                reject("apc_admissions", 5, "ERROR", "MISSING_REQUIRED", "provider_code is missing",
                        "{\"provider_code\":\"\",\"spell_id\":\"S3\"}"),
                reject("apc_admissions", 6, "ERROR", "MALFORMED_ROW", "the line has 3 fields where 14 are expected",
                        "RXA,S4,(hidden)"),
                reject("apc_admissions", 7, "ERROR", "UNKNOWN_CODE", "provider_code R/../X is not a code",
                        "{\"provider_code\":\"R/../X\",\"spell_id\":\"S5\"}"),
                reject("population", 2, "ERROR", "BAD_NUMBER", "population x is not a whole number",
                        "{\"area_code\":\"E06000062\",\"population\":\"x\"}")));
        contents = SupplierFeedback.collect(rejects, marchSpells(), careEvents(), RUN_DATE, 60);
        SharedSpark.session();
        written = FeedbackFiles.write(fs(), root(), "R1", contents);
    }

    /** RXA, admitted in March 2024; run date 2024-06-30, so all four are more than 60 days old. */
    static Dataset<Row> marchSpells() {
        return Frames.of(OutputTables.LINKED_SPELLS.sparkType(), List.of(
                // valid NHS number, residence, coded; overnight with a DRD, delayed with a reason
                spell("S1", "2024-03-01", "k1", "E07000150", "I10", "2024-03-05", 4, true, true, "Awaiting care home"),
                // zero-night stay: not an overnight stay
                spell("S2", "2024-03-03", "k2", null, "J18", "2024-03-03", 0, false, null, null),
                // overnight without a DRD, no diagnosis
                spell("S3", "2024-03-10", "k3", "E07000150", null, "2024-03-12", 2, false, null, null),
                // invalid NHS number (no person key), still open
                spell("S4", "2024-03-20", null, "E07000150", "I10", null, null, null, null, null)));
    }

    static Dataset<Row> careEvents() {
        return Frames.feed(Feeds.SOCIAL_CARE_EVENTS, List.of(
                row("la_code", "E06000062", "event_id", "E1", "person_id", PERSON, "nhs_number", NHS, "age", 80,
                        "event_type", "Service", "event_start_date", "2024-03-02", "postcode", POSTCODE,
                        "submitted_at", "2024-04-01T00:00:00"),
                row("la_code", "E06000062", "event_id", "E2", "person_id", "P-000124", "age", 81,
                        "event_type", "Service", "event_start_date", "2024-03-09",
                        "submitted_at", "2024-04-01T00:00:00")));
    }

    static Map<String, Object> spell(String id, String admitted, String personKey, String residence, String dx,
                                     String discharged, Integer los, Boolean drd, Boolean delayed, String reason) {
        return row("provider_code", "RXA", "spell_id", id, "admission_date", admitted,
                "admission_month", admitted.substring(0, 7), "person_key", personKey, "residence_lad_code", residence,
                "primary_diagnosis", dx, "discharge_date", discharged, "los_days", los, "drd_recorded", drd,
                "is_delayed", delayed, "delay_reason_category", reason, "run_id", "R1");
    }

    static Map<String, Object> reject(String feed, long record, String severity, String code, String reason,
                                      String raw) {
        return row("feed", feed, "source_file", feed + "/extract.csv", "record_number", record, "severity", severity,
                "reason_code", code, "reason", reason, "raw_record", raw, "run_id", "R1");
    }

    static FileSystem fs() {
        try {
            return FileSystem.getLocal(SharedSpark.session().sparkContext().hadoopConfiguration());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static org.apache.hadoop.fs.Path root() {
        return new org.apache.hadoop.fs.Path(out.toUri());
    }

    static String csv(String supplier) throws Exception {
        return Files.readString(out.resolve("feedback").resolve(supplier).resolve(FeedbackFiles.CSV),
                StandardCharsets.UTF_8);
    }

    @Test
    void a_supplier_folder_holds_its_own_rows_only_and_rows_without_a_supplier_go_to_unattributed() throws Exception {
        try (Stream<Path> s = Files.list(out.resolve("feedback"))) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("E06000062", "RXA", "RXB", "_unattributed");
        }
        // RXA: S9 (its BAD_DATE) and S1 (its unmapped delay reason, provider_code written "rxa ")
        assertThat(csv("RXA")).contains("\"S9\"", "\"S1\"").doesNotContain("RXB", "S2", "S3", "S5", "E06000062");
        assertThat(csv("RXA").lines().count()).isEqualTo(1 + 2);
        assertThat(csv("RXB")).contains("\"S2\"").doesNotContain("RXA", "S9", "S1");
        assertThat(csv("E06000062")).contains("\"E1\"", "INVALID_NHS_NUMBER").doesNotContain("RXA", "RXB");
        // an empty code, a malformed line and a code that is not a code: none is a supplier's
        assertThat(csv("_unattributed")).contains("MISSING_REQUIRED", "MALFORMED_ROW", "UNKNOWN_CODE")
                .doesNotContain("BAD_DATE", "UNMAPPED_CODE", "DRD_OUT_OF_RANGE");
        // a reference feed has no supplier: its rejects are in the rejects table only
        try (Stream<Path> s = Files.walk(out.resolve("feedback"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
                assertThat(Files.readString(p)).doesNotContain("population");
            }
        }
        assertThat(written).extracting(RunManifest.FeedbackFolder::supplier)
                .containsExactly("E06000062", "RXA", "RXB", "_unattributed");
        assertThat(written).filteredOn(f -> f.supplier().equals("RXA")).singleElement()
                .satisfies(f -> {
                    assertThat(f.folder()).isEqualTo("feedback/RXA/");
                    assertThat(f.errors()).isEqualTo(1);
                    assertThat(f.warnings()).isEqualTo(1);
                });
        assertThat(written).filteredOn(f -> f.supplier().equals("_unattributed")).singleElement()
                .satisfies(f -> assertThat(f.rowsToFix()).isEqualTo(3));
    }

    @Test
    void the_row_names_its_file_record_field_and_reason_with_the_suppliers_own_masked_values() throws Exception {
        String line = csv("RXA").lines().skip(1).findFirst().orElseThrow();
        assertThat(line).startsWith("apc_admissions,apc_admissions/extract.csv,2,ERROR,BAD_DATE,admission_date,"
                + "admission_date 31/02/2024 is not a date (dd/MM/yyyy),");
        assertThat(line).contains("******5919");
        assertThat(csv("RXA")).startsWith("\ufefffeed,file,record_number,severity,reason_code,fields,reason,raw_record");
    }

    @Test
    void summary_figures_by_hand() {
        Month march = contents.monthsOf("RXA").stream().filter(m -> m.month().equals("2024-03")).findFirst()
                .orElseThrow();
        // 4 spells; valid NHS number S1-S3 = 3 (75.0 %); residence S1, S3, S4 = 3 (75.0 %); coded S1, S2, S4 = 3
        assertThat(march.rows()).isEqualTo(4);
        assertThat(march.validNhs()).isEqualTo(3);
        assertThat(SupplierFeedback.pct(march.validNhs(), march.rows())).isEqualTo(75.0);
        assertThat(march.residence()).isEqualTo(3);
        assertThat(march.coded()).isEqualTo(3);
        // overnight discharged stays S1 (4 nights), S3 (2): 2; DRD recorded S1: 1 = 50.0 %
        assertThat(march.overnight()).isEqualTo(2);
        assertThat(march.drdRecorded()).isEqualTo(1);
        assertThat(SupplierFeedback.pct(march.drdRecorded(), march.overnight())).isEqualTo(50.0);
        // delayed S1, with a reason: 1 of 1 = 100.0 %
        assertThat(march.delayed()).isEqualTo(1);
        assertThat(march.delayReason()).isEqualTo(1);
        // admitted 2024-03-01..20, 102..133 days before 2024-06-30: all 4 are old; S4 still open: 1 = 25.0 %
        assertThat(march.oldAdmissions()).isEqualTo(4);
        assertThat(march.oldOpen()).isEqualTo(1);
        assertThat(SupplierFeedback.pct(march.oldOpen(), march.oldAdmissions())).isEqualTo(25.0);

        // the council: 2 events in March; E1 has an NHS number and a postcode, E2 neither: 1 of 2 = 50.0 % each
        Month council = contents.monthsOf("E06000062").get(0);
        assertThat(council.kind()).isEqualTo(SupplierFeedback.COUNCIL);
        assertThat(council.month()).isEqualTo("2024-03");
        assertThat(council.rows()).isEqualTo(2);
        assertThat(council.validNhs()).isEqualTo(1);
        assertThat(council.residence()).isEqualTo(1);
    }

    @Test
    void a_missing_discharge_counts_from_the_day_after_the_configured_days() {
        // run date 2024-06-30, 60 days: 2024-05-01 is 60 days before (not more), 2024-04-30 is 61 days before
        Dataset<Row> spells = Frames.of(OutputTables.LINKED_SPELLS.sparkType(), List.of(
                spell("B1", "2024-05-01", "k1", null, null, null, null, null, null, null),
                spell("B2", "2024-04-30", "k2", null, null, null, null, null, null, null),
                spell("B3", "2024-04-29", "k3", null, null, "2024-05-02", 3, false, null, null)));
        Map<String, Month> byMonth = new HashMap<>();
        SupplierFeedback.hospitalMonths(spells, RUN_DATE, 60).forEach(m -> byMonth.put(m.month(), m));
        assertThat(byMonth.get("2024-05").oldAdmissions()).isZero();
        assertThat(byMonth.get("2024-05").oldOpen()).isZero();
        // April: B2 (61 days, open) and B3 (62 days, discharged): 2 old, 1 without a discharge
        assertThat(byMonth.get("2024-04").oldAdmissions()).isEqualTo(2);
        assertThat(byMonth.get("2024-04").oldOpen()).isEqualTo(1);
        // 59 days: 2024-05-01 is now more than 59 days old
        Map<String, Month> shorter = new HashMap<>();
        SupplierFeedback.hospitalMonths(spells, RUN_DATE, 59).forEach(m -> shorter.put(m.month(), m));
        assertThat(shorter.get("2024-05").oldOpen()).isEqualTo(1);
    }

    @Test
    void the_workbook_reads_back_and_its_counts_are_the_rejects_tables() throws Exception {
        Path file = out.resolve("feedback/RXA").resolve(FeedbackFiles.XLSX);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(2);
            assertThat(wb.getSheetName(0)).isEqualTo("Summary");
            assertThat(wb.getSheetName(1)).isEqualTo("Rows to fix");

            Sheet rows = wb.getSheet("Rows to fix");
            assertThat(texts(rows.getRow(0))).containsExactly("feed", "file", "record_number", "severity",
                    "reason_code", "fields", "reason", "raw_record");
            assertThat(rows.getLastRowNum()).isEqualTo(2);
            assertThat(rows.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(2.0);
            assertThat(rows.getRow(1).getCell(4).getStringCellValue()).isEqualTo("BAD_DATE");

            // the reason counts of the summary = the rejects table's rows of RXA, counted by Spark
            Map<String, Long> expected = new HashMap<>();
            for (Row r : rejects.where(upper(trim(get_json_object(col("raw_record"), "$.provider_code"))).equalTo("RXA"))
                    .groupBy("reason_code").count().collectAsList()) {
                expected.put(r.getString(0), r.getLong(1));
            }
            assertThat(expected).containsOnlyKeys("BAD_DATE", "UNMAPPED_CODE");
            Sheet summary = wb.getSheet("Summary");
            Map<String, Long> counted = new HashMap<>();
            for (org.apache.poi.ss.usermodel.Row r : summary) {
                Cell first = r.getCell(0);
                if (first == null || first.getCellType() != CellType.STRING) {
                    continue;
                }
                if (first.getStringCellValue().startsWith("apc_") && r.getCell(3) != null) {
                    counted.put(r.getCell(2).getStringCellValue(), (long) r.getCell(3).getNumericCellValue());
                }
                if (first.getStringCellValue().equals("all")) {
                    assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(2.0);
                }
                if (first.getStringCellValue().equals("2024-03")) {
                    // month, spells 4, valid 3, 75.0, residence 3, 75.0, coded 3, 75.0, overnight 2, DRD 1, 50.0
                    assertThat(r.getCell(1).getNumericCellValue()).isEqualTo(4.0);
                    assertThat(r.getCell(3).getNumericCellValue()).isEqualTo(75.0);
                    assertThat(r.getCell(8).getNumericCellValue()).isEqualTo(2.0);
                    assertThat(r.getCell(10).getNumericCellValue()).isEqualTo(50.0);
                    // old admissions 4, without discharge 1, 25.0
                    assertThat(r.getCell(14).getNumericCellValue()).isEqualTo(4.0);
                    assertThat(r.getCell(15).getNumericCellValue()).isEqualTo(1.0);
                    assertThat(r.getCell(16).getNumericCellValue()).isEqualTo(25.0);
                }
            }
            assertThat(counted).isEqualTo(expected);
        }
    }

    @Test
    void nothing_identifying_goes_out_and_the_files_are_owner_and_group_only() throws Exception {
        LeakScan scan = LeakScan.of(List.of(NHS, PERSON, "P-000124", POSTCODE)).ignoringSpaces()
                .folder(out.resolve("feedback"), SharedSpark.session());
        try (Stream<Path> s = Files.walk(out.resolve("feedback"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".xlsx")).toList()) {
                try (InputStream in = Files.newInputStream(p); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                    for (Sheet sheet : wb) {
                        List<String> cells = new ArrayList<>();
                        sheet.forEach(r -> cells.addAll(texts(r)));
                        scan.texts(p + " " + sheet.getSheetName(), cells);
                    }
                }
            }
        }
        scan.assertNone();
        Path folder = out.resolve("feedback/RXA");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwxrwx---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(FeedbackFiles.CSV))))
                .isEqualTo("rw-rw----");
    }

    @Test
    void a_later_run_replaces_the_whole_folder(@TempDir Path other) throws Exception {
        var r = new org.apache.hadoop.fs.Path(other.toUri());
        FeedbackFiles.write(fs(), r, "A", contents);
        assertThat(other.resolve("feedback/RXB")).exists();
        var onlyRxa = new SupplierFeedback.Contents(RUN_DATE, 60,
                contents.rowsOf("RXA"), List.of());
        FeedbackFiles.write(fs(), r, "B", onlyRxa);
        try (Stream<Path> s = Files.list(other)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("feedback");
        }
        try (Stream<Path> s = Files.list(other.resolve("feedback"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("RXA");
        }
    }

    @Test
    void the_manifest_lists_the_folders_and_keeps_its_fields_when_there_are_none() throws Exception {
        RunManifest m = new RunManifest("R1", "2024-06-30", "COMPLETED", null, null, null, null, null, null, null,
                true, null, List.of(), List.of(), List.of());
        String without = ManifestFiles.json().writeValueAsString(m);
        assertThat(without).doesNotContain("feedback");
        String with = ManifestFiles.json().writeValueAsString(m.withFeedback(written)).replaceAll("\\s", "");
        assertThat(with).contains("\"feedback\":[{\"supplier\":\"E06000062\",\"folder\":\"feedback/E06000062/\","
                + "\"errors\":0,\"warnings\":1}");
        assertThat(with).doesNotContain("rows_to_fix");
    }

    private static List<String> texts(org.apache.poi.ss.usermodel.Row r) {
        List<String> out = new ArrayList<>();
        r.forEach(c -> out.add(c.getCellType() == CellType.NUMERIC ? String.valueOf(c.getNumericCellValue())
                : c.getStringCellValue()));
        return out;
    }
}
