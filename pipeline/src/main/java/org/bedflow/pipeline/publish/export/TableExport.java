package org.bedflow.pipeline.publish.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.bedflow.pipeline.query.DuckDbQuery;
import org.bedflow.pipeline.query.OutputQuery;
import org.bedflow.pipeline.query.QueryFormat;

/**
 * {@code bedflow export}: the published (disclosure-controlled) tables of an output folder as
 * files Excel and Power BI open without a Parquet connector: one CSV per table, or one workbook
 * with a sheet per table (docs/commissioners.md, "Excel and CSV"). Dates are dates (Excel date
 * cells; ISO {@code yyyy-MM-dd} in CSV), counts are numbers, a suppressed value is an empty cell.
 * Row-level tables ({@code linked_spells}, {@code rejects}) are never exported: they are
 * restricted, and a spreadsheet travels further than a Parquet folder.
 */
public final class TableExport {

    /** Rows a worksheet can hold, header included (Excel's limit). */
    static final int SHEET_ROWS = 1_048_576;

    public enum Format { CSV, XLSX }

    private TableExport() {
    }

    /**
     * Exports {@code tables} (names of published tables, e.g. {@code indicators}; empty: all
     * of them) into {@code target}.
     *
     * @return the files written
     * @throws IllegalArgumentException for a table that is not published, or too big for a sheet
     */
    public static List<Path> export(Path outputDir, List<String> tables, Format format, Path target) {
        try (DuckDbQuery q = DuckDbQuery.open(outputDir, null)) {
            List<String> published = q.views().stream().filter(v -> v.startsWith("published_"))
                    .map(v -> v.substring("published_".length())).toList();
            List<String> chosen = tables.isEmpty() ? published : tables;
            for (String t : chosen) {
                if (!published.contains(t)) {
                    throw new IllegalArgumentException("table " + t + " is not a published table of " + outputDir
                            + (t.equals("linked_spells") || t.equals("rejects") ? " (it is row level and restricted: "
                            + "export writes only the disclosure-controlled tables under published/)" : "")
                            + "; published tables: " + (published.isEmpty() ? "none" : String.join(", ", published)));
                }
            }
            Files.createDirectories(target);
            List<Path> written = new ArrayList<>();
            if (format == Format.CSV) {
                for (String t : chosen) {
                    Path file = target.resolve(t + ".csv");
                    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                        // a BOM, so Excel opens the UTF-8 text as UTF-8
                        w.write('\ufeff');
                        w.write(QueryFormat.CSV.render(q.run(select(t), Integer.MAX_VALUE)));
                    }
                    written.add(file);
                }
            } else {
                Path file = target.resolve("bedflow-published.xlsx");
                workbook(q, chosen, file);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export to " + target, e);
        }
    }

    /** Every column of the published table, in a stable order for the reader. */
    private static String select(String table) {
        return "select * from \"published_" + table + "\" order by all";
    }

    private static void workbook(DuckDbQuery q, List<String> tables, Path file) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
            CreationHelper helper = wb.getCreationHelper();
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(helper.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle header = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            header.setFont(bold);
            for (String t : tables) {
                DuckDbQuery.Result r = q.run(select(t), SHEET_ROWS - 1);
                if (r.more()) {
                    throw new IllegalArgumentException("table " + t + " has more rows than an Excel sheet holds ("
                            + (SHEET_ROWS - 1) + "); export it as csv");
                }
                Sheet sheet = wb.createSheet(t.length() > 31 ? t.substring(0, 31) : t);
                Row head = sheet.createRow(0);
                for (int i = 0; i < r.columns().size(); i++) {
                    Cell c = head.createCell(i);
                    c.setCellValue(r.columns().get(i));
                    c.setCellStyle(header);
                }
                int n = 1;
                for (Object[] values : r.rows()) {
                    Row row = sheet.createRow(n++);
                    for (int i = 0; i < values.length; i++) {
                        cell(row, i, values[i], date);
                    }
                }
                sheet.createFreezePane(0, 1);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
            wb.dispose();
        }
    }

    private static void cell(Row row, int i, Object v, CellStyle date) {
        if (v == null) {
            return; // suppressed or not applicable: an empty cell, never a zero
        }
        Cell c = row.createCell(i);
        if (v instanceof Number n) {
            c.setCellValue(n instanceof BigDecimal b ? b.doubleValue() : n.doubleValue());
        } else if (v instanceof Boolean b) {
            c.setCellValue(b);
        } else if (v instanceof LocalDate d) {
            c.setCellValue(d);
            c.setCellStyle(date);
        } else if (v instanceof Date d) {
            c.setCellValue(d.toLocalDate());
            c.setCellStyle(date);
        } else if (v instanceof LocalDateTime t) {
            c.setCellValue(t);
        } else if (v instanceof Timestamp t) {
            c.setCellValue(t.toLocalDateTime());
        } else {
            c.setCellValue(OutputQuery.printable(String.valueOf(v)));
        }
    }
}
