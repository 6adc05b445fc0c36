package org.bedflow.pipeline.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV reader of docs/validation.md (RFC 4180, header row, empty field = null): every record with
 * the line where it starts (the header is line 1), and records that cannot be split into
 * the header's fields as MALFORMED_ROW with their raw text, reading on after them.
 */
class CsvFileRecordsTest {

    @TempDir
    Path dir;

    /** three feed fields a, b, c; the file's header is given per test */
    private List<Row> read(String name, byte[] content, int[] columnOf, int headerSize, int... hidden) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        FileTask task = new FileTask(file.toUri().toString(), "feed/" + name, name.endsWith(".gz") ? "csv.gz" : "csv",
                columnOf, headerSize, hidden, Map.of());
        List<Row> rows = new ArrayList<>();
        new CsvFileRecords(3).call(task).forEachRemaining(rows::add);
        return rows;
    }

    private List<Row> read(String text) throws Exception {
        return read("x.csv", text.getBytes(StandardCharsets.UTF_8), new int[] {0, 1, 2}, 3);
    }

    /** a, b, c, file, line, malformed */
    private static String show(Row r) {
        return r.get(0) + "|" + r.get(1) + "|" + r.get(2) + " @" + r.get(4) + (r.isNullAt(5) ? "" : " MALFORMED " + r.get(5));
    }

    @Test
    void records_carry_the_line_where_they_start_with_crlf_and_quoted_quotes() throws Exception {
        var rows = read("a,b,c\r\n1,x,\r\n2,\"a,b\",z\r\n3,\"say \"\"hi\"\"\",w\r\n");
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly(
                "1|x|null @2", "2|a,b|z @3",
                // an escaped quote is still a quote in a value, which no feed value holds
                "null|null|null @4 MALFORMED " + CsvFileRecords.STRAY_QUOTE);
        assertThat(rows.get(0).getString(3)).isEqualTo("feed/x.csv");
    }

    @Test
    void a_quoted_value_holding_a_line_break_is_malformed_and_each_line_is_read_on_its_own() throws Exception {
        // feed values never hold a line break: lines 3 and 4 are two broken records, not one good one
        var rows = read("a,b,c\r\n1,x,\r\n2,\"two\r\nlines\",z\r\n3,y,w\r\n");
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly(
                "1|x|null @2",
                "null|null|null @3 MALFORMED " + CsvFileRecords.UNCLOSED_QUOTE,
                "null|null|null @4 MALFORMED " + CsvFileRecords.STRAY_QUOTE,
                "3|y|w @5");
        assertThat(rows.get(1).getString(6)).isEqualTo("2,\"two");
    }

    /** header + 6 data lines: data line 2 opens a quote it never closes, data line 5 has a stray quote */
    private static final String[] UNCLOSED_THEN_STRAY = {
        "a,b,c", "1,x,y", "2,\"open,y", "3,x,9434765919", "4,x,y", "5,x\",z", "6,x,y"};

    /** how it reads: each bad line malformed at its own line, every other line on its own */
    private static final String[] UNCLOSED_THEN_STRAY_READ = {
        "1|x|y @2",
        "null|null|null @3 MALFORMED " + CsvFileRecords.UNCLOSED_QUOTE,
        "3|x|9434765919 @4",
        "4|x|y @5",
        // the stray quote that once closed the open one: its line is malformed on its own
        "null|null|null @6 MALFORMED " + CsvFileRecords.STRAY_QUOTE,
        "6|x|y @7"};

    @Test
    void an_unclosed_quote_never_takes_in_later_lines_up_to_a_stray_quote() throws Exception {
        var rows = read(String.join("\n", UNCLOSED_THEN_STRAY) + "\n");
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly(UNCLOSED_THEN_STRAY_READ);
        assertThat(rows.get(1).getString(6)).isEqualTo("2,\"open,y");
        assertThat(rows).allSatisfy(r -> {
            for (int i = 0; i < 3; i++) {
                assertThat(r.isNullAt(i) ? "" : r.getString(i)).doesNotContain("\n", "\r");
            }
        });
    }

    @Test
    void an_unclosed_quote_in_a_bom_and_crlf_file_reads_the_same() throws Exception {
        byte[] text = ("\uFEFF" + String.join("\r\n", UNCLOSED_THEN_STRAY) + "\r\n").getBytes(StandardCharsets.UTF_8);
        var rows = read("bom.csv", text, new int[] {0, 1, 2}, 3);
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly(UNCLOSED_THEN_STRAY_READ);
        assertThat(rows.get(1).getString(6)).isEqualTo("2,\"open,y");
    }

    @Test
    void empty_lines_are_not_records_and_do_not_shift_line_numbers() throws Exception {
        var rows = read("a,b,c\n1,x,y\n\n2,x,y\n");
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly("1|x|y @2", "2|x|y @4");
    }

    @Test
    void columns_are_taken_by_the_header_position_and_absent_ones_are_null() throws Exception {
        // the file's header is c,a (b absent): field a is column 1, b none, c column 0
        var rows = read("y.csv", "c,a\nC1,A1\n".getBytes(StandardCharsets.UTF_8), new int[] {1, -1, 0}, 2);
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly("A1|null|C1 @2");
    }

    @Test
    void a_wrong_field_count_is_malformed_with_its_raw_text_hidden_columns_blanked() throws Exception {
        var rows = read("z.csv", "a,b,c\n1,secret,3,4\n5,6,7\n".getBytes(StandardCharsets.UTF_8), new int[] {0, 1, 2}, 3, 1);
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly(
                "null|null|null @2 MALFORMED 4 fields instead of 3", "5|6|7 @3");
        assertThat(rows.get(0).getString(6)).isEqualTo("1,(hidden),3,4");
    }

    @Test
    void an_unterminated_quote_is_malformed_and_reading_resumes_on_the_next_line() throws Exception {
        var rows = read("a,b,c\n1,2,3\n4,\"5,6\n7,8,9\n");
        assertThat(rows).hasSize(3);
        assertThat(show(rows.get(0))).isEqualTo("1|2|3 @2");
        assertThat(show(rows.get(1))).isEqualTo("null|null|null @3 MALFORMED " + CsvFileRecords.UNCLOSED_QUOTE);
        assertThat(rows.get(1).getString(6)).isEqualTo("4,\"5,6");
        assertThat(show(rows.get(2))).isEqualTo("7|8|9 @4");
    }

    @Test
    void an_unterminated_quote_on_the_last_line_takes_nothing_in_and_keeps_the_parsers_words() throws Exception {
        var rows = read("a,b,c\n1,2,3\n4,\"5,6\n");
        assertThat(rows).extracting(CsvFileRecordsTest::show).containsExactly("1|2|3 @2",
                "null|null|null @3 MALFORMED its quoting cannot be parsed (EOF reached before encapsulated token "
                        + "finished); reading resumes on the next line");
    }

    @Test
    void a_character_after_a_closing_quote_is_malformed_on_its_line_alone() throws Exception {
        var rows = read("a,b,c\n1,\"2\"x,3\n4,5,6\n");
        assertThat(rows).hasSize(2);
        assertThat(show(rows.get(0))).startsWith("null|null|null @2 MALFORMED its quoting cannot be parsed (")
                .doesNotContain(CsvFileRecords.UNCLOSED_QUOTE);
        assertThat(show(rows.get(1))).isEqualTo("4|5|6 @3");
    }

    @Test
    void gzipped_csv_reads_the_same() throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read("x.csv.gz", bytes.toByteArray(), new int[] {0, 1, 2}, 3))
                .extracting(CsvFileRecordsTest::show).containsExactly("1|2|3 @2");
    }
}
