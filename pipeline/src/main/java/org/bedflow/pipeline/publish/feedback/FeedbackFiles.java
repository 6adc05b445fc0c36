package org.bedflow.pipeline.publish.feedback;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback.Contents;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback.Month;
import org.bedflow.pipeline.publish.feedback.SupplierFeedback.RowToFix;
import org.bedflow.pipeline.query.OutputQuery;
import org.bedflow.pipeline.spark.PrivateFolders;

/**
 * Writes {@code <output>/feedback/<supplier>/rows_to_fix.csv} and {@code feedback.xlsx} (sheets {@code Summary} and
 * {@code Rows to fix}) for every supplier of a run, and {@code feedback/_unattributed/} for the rejects without one.
 * The whole {@code feedback/} folder is replaced at once: written beside it, then renamed into place, so a reader
 * sees the previous run's folder or this run's, never a mix. Folders 0770, files 0660, like the run's other files.
 */
public final class FeedbackFiles {

    public static final String FOLDER = "feedback";
    public static final String CSV = "rows_to_fix.csv";
    public static final String XLSX = "feedback.xlsx";
    public static final String SUMMARY_SHEET = "Summary";
    public static final String ROWS_SHEET = "Rows to fix";

    /** Rows a worksheet can hold, header included (Excel's limit); the CSV holds them all. */
    static final int SHEET_ROWS = 1_048_576;

    static final List<String> ROW_COLUMNS = List.of("feed", "file", "record_number", "severity", "reason_code",
            "fields", "reason", "raw_record");

    private FeedbackFiles() {
    }

    /** @return one entry per supplier folder written, in folder order */
    public static List<RunManifest.FeedbackFolder> write(FileSystem fileSystem, Path outputRoot, String runId,
                                                         Contents contents) {
        // no .crc files beside a supplier's files
        FileSystem fs = fileSystem instanceof ChecksumFileSystem c ? c.getRawFileSystem() : fileSystem;
        Path target = new Path(outputRoot, FOLDER);
        Path temp = new Path(outputRoot, "." + FOLDER + "-" + runId + ".tmp");
        Path old = new Path(outputRoot, "." + FOLDER + "-" + runId + ".old");
        List<RunManifest.FeedbackFolder> written = new ArrayList<>();
        try {
            fs.delete(temp, true);
            fs.delete(old, true);
            fs.mkdirs(temp);
            for (String supplier : contents.suppliers()) {
                Path folder = new Path(temp, supplier);
                fs.mkdirs(folder);
                List<RowToFix> rows = contents.rowsOf(supplier);
                try (OutputStream out = fs.create(new Path(folder, CSV), true)) {
                    csv(rows, out);
                }
                try (OutputStream out = fs.create(new Path(folder, XLSX), true)) {
                    workbook(supplier, contents, out);
                }
                long errors = rows.stream().filter(r -> "ERROR".equals(r.severity())).count();
                written.add(new RunManifest.FeedbackFolder(supplier, FOLDER + "/" + supplier + "/", errors,
                        rows.size() - errors));
            }
            PrivateFolders.ownerAndGroupOnly(fs, temp);
            if (fs.exists(target) && !fs.rename(target, old)) {
                throw new IOException("cannot move the previous " + target + " aside");
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("cannot rename " + temp + " to " + target);
            }
            fs.delete(old, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the feedback files under " + target, e);
        }
        return written;
    }

    static void csv(List<RowToFix> rows, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        // a BOM, so Excel opens the UTF-8 text as UTF-8
        w.write('\ufeff');
        w.write(String.join(",", ROW_COLUMNS));
        w.write("\r\n");
        for (RowToFix r : rows) {
            List<Object> values = values(r);
            for (int i = 0; i < values.size(); i++) {
                w.write(i == 0 ? "" : ",");
                w.write(quoted(values.get(i)));
            }
            w.write("\r\n");
        }
        w.flush();
    }

    private static List<Object> values(RowToFix r) {
        return java.util.Arrays.asList(r.feed(), r.sourceFile(), r.recordNumber(), r.severity(), r.reasonCode(),
                r.fields(), r.reason(), r.rawRecord());
    }

    static String quoted(Object v) {
        if (v == null) {
            return "";
        }
        String s = String.valueOf(v);
        // a leading = + - @ would be read by a spreadsheet as a formula
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !(v instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.startsWith("'")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static void workbook(String supplier, Contents c, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            CellStyle pct = wb.createCellStyle();
            pct.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("0.0"));
            summary(wb.createSheet(SUMMARY_SHEET), supplier, c, header, pct);
            rows(wb.createSheet(ROWS_SHEET), c.rowsOf(supplier), header);
            wb.write(out);
            wb.dispose();
        }
    }

    private static void summary(Sheet sheet, String supplier, Contents c, CellStyle header, CellStyle pct) {
        int n = 0;
        boolean unattributed = SupplierFeedback.UNATTRIBUTED.equals(supplier);
        text(sheet.createRow(n++), header, unattributed
                ? "Rows to fix whose supplier could not be told (no readable provider_code or la_code)"
                : "Data quality feedback for " + supplier);
        text(sheet.createRow(n++), null, "Run date " + c.runDate() + ". NHS numbers are masked to their last four "
                + "digits; postcodes to their outward code; no person id.");
        n++;
        // rows to fix by feed, severity and reason code: the counts of the rejects table for this supplier
        text(sheet.createRow(n++), header, "feed", "severity", "reason_code", "rows");
        Map<String, Long> byReason = new TreeMap<>();
        for (RowToFix r : c.rowsOf(supplier)) {
            byReason.merge(r.feed() + "\t" + r.severity() + "\t" + r.reasonCode(), 1L, Long::sum);
        }
        long total = 0;
        for (var e : byReason.entrySet()) {
            String[] k = e.getKey().split("\t", -1);
            Row row = sheet.createRow(n++);
            text(row, null, k[0], k[1], k[2]);
            row.createCell(3).setCellValue(e.getValue());
            total += e.getValue();
        }
        Row totalRow = sheet.createRow(n++);
        text(totalRow, header, "all", "", "");
        totalRow.createCell(3).setCellValue(total);
        List<Month> months = c.monthsOf(supplier);
        if (months.isEmpty()) {
            return;
        }
        n++;
        boolean hospital = months.get(0).hospital();
        if (hospital) {
            text(sheet.createRow(n++), header, "Completeness by admission month (spells of this provider); admissions "
                    + "more than " + c.missingDischargeDays() + " days before the run date still without a discharge "
                    + "point to a lagging discharge feed");
            text(sheet.createRow(n++), header, "month", "spells", "valid_nhs_number", "pct_valid_nhs_number",
                    "residence_present", "pct_residence_present", "coded_primary_diagnosis",
                    "pct_coded_primary_diagnosis", "overnight_stays", "drd_recorded", "pct_drd_recorded",
                    "delayed_stays", "delay_reason_recorded", "pct_delay_reason_recorded",
                    "admissions_over_" + c.missingDischargeDays() + "_days", "without_discharge",
                    "pct_without_discharge");
        } else {
            text(sheet.createRow(n++), header, "Completeness by event start month (events of this council)");
            text(sheet.createRow(n++), header, "month", "events", "valid_nhs_number", "pct_valid_nhs_number",
                    "residence_present", "pct_residence_present");
        }
        for (Month m : months) {
            Row row = sheet.createRow(n++);
            text(row, null, m.month());
            int i = 1;
            i = count(row, i, m.rows());
            i = share(row, i, m.validNhs(), m.rows(), pct);
            i = share(row, i, m.residence(), m.rows(), pct);
            if (hospital) {
                i = share(row, i, m.coded(), m.rows(), pct);
                i = count(row, i, m.overnight());
                i = share(row, i, m.drdRecorded(), m.overnight(), pct);
                i = count(row, i, m.delayed());
                i = share(row, i, m.delayReason(), m.delayed(), pct);
                i = count(row, i, m.oldAdmissions());
                share(row, i, m.oldOpen(), m.oldAdmissions(), pct);
            }
        }
    }

    private static int count(Row row, int i, long v) {
        row.createCell(i).setCellValue(v);
        return i + 1;
    }

    /** The count, then its share of {@code whole} in per cent (an empty cell when whole is 0). */
    private static int share(Row row, int i, long part, long whole, CellStyle pct) {
        row.createCell(i).setCellValue(part);
        Double p = SupplierFeedback.pct(part, whole);
        if (p != null) {
            Cell c = row.createCell(i + 1);
            c.setCellValue(p);
            c.setCellStyle(pct);
        }
        return i + 2;
    }

    private static void rows(Sheet sheet, List<RowToFix> rows, CellStyle header) {
        text(sheet.createRow(0), header, ROW_COLUMNS.toArray(String[]::new));
        int n = 1;
        for (RowToFix r : rows) {
            if (n >= SHEET_ROWS) {
                break; // the CSV beside the workbook holds every row
            }
            Row row = sheet.createRow(n++);
            List<Object> values = values(r);
            for (int i = 0; i < values.size(); i++) {
                Object v = values.get(i);
                if (v instanceof Number num) {
                    row.createCell(i).setCellValue(num.doubleValue());
                } else if (v != null) {
                    row.createCell(i).setCellValue(OutputQuery.printable(String.valueOf(v)));
                }
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private static void text(Row row, CellStyle style, String... values) {
        for (int i = 0; i < values.length; i++) {
            Cell c = row.createCell(i);
            c.setCellValue(values[i]);
            if (style != null) {
                c.setCellStyle(style);
            }
        }
    }
}
