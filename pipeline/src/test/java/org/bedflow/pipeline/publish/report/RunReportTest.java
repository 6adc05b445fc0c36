package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.publish.report.ReportFigures.AreaSeries;
import org.bedflow.pipeline.publish.report.ReportFigures.Linkage;
import org.bedflow.pipeline.publish.report.ReportFigures.MonthValues;
import org.bedflow.pipeline.testing.SharedSpark;
import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.link.RuleCoverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/operations.md "runs/<run_id>/report.html", rendered from a hand-made manifest and figures. */
class RunReportTest {

    static final List<String> MONTHS = List.of("2022-01", "2022-02", "2022-03");

    static RunManifest manifest(String status, String failure) {
        Map<String, Long> errors = new LinkedHashMap<>();
        errors.put("BAD_DATE", 1L);
        errors.put("MALFORMED_ROW", 2L);
        return new RunManifest("20220401T020000Z-7", "2022-03-20", status, "2022-04-01T02:00:00Z",
                "2022-04-01T02:03:25Z", "0.1.0", "abc1234", "local[*]", "f".repeat(64), "/data/feeds", true, failure,
                List.of(new RunManifest.Input("apc_admissions", "apc_admissions/rns_2022_03.csv", 1234, "a".repeat(64),
                        10375, 9997, 10, 24, 357, 11)),
                List.of(new RunManifest.Feed("apc_admissions", 10375, 9997, 10, 24, 357, 11, 0.001, 0.05, false, errors,
                                Map.of("INVALID_NHS_NUMBER", 24L), List.of("favourite_colour")),
                        new RunManifest.Feed("population", 3822, 3822, 0, 0, 0, 0, 0, 0.05, false, Map.of(), Map.of(),
                                List.of())),
                List.of(new RunManifest.Output("linked_spells", 9997),
                        new RunManifest.Output("published/delayed_discharge_monthly", 48)));
    }

    static ReportFigures figures() {
        List<AreaSeries> areas = new ArrayList<>();
        for (String[] area : new String[][] {{"E06000061", "North Northamptonshire"}, {"E06000062", "West Northamptonshire"}}) {
            List<MonthValues> values = new ArrayList<>();
            for (int i = 0; i < MONTHS.size(); i++) {
                // delay days 100, 110, 120; % on DRD 60, 61, null; DRD measured 290 of 300 overnight, 12.5 % recorded;
                // bands 5 · 4 · 3 · 2 · 1 · i; readmissions 3 / 40 = 7.5 % then none yet
                values.add(new MonthValues(MONTHS.get(i), 100L + 10 * i, i == 2 ? null : 60.0 + i, 300, 290,
                        12.5, List.of(5L, 4L, 3L, 2L, 1L, (long) i), 400 + i, 25 + i, i == 0 ? 3 : 0, i == 0 ? 40 : 0));
            }
            areas.add(new AreaSeries(area[0], area[1], values));
        }
        return new ReportFigures(MONTHS, areas, List.of(
                new Linkage("E06000061", "North Northamptonshire", 5000, 4900, 4800, 4700, 470),
                new Linkage("E06000062", "West Northamptonshire", 4600, 4550, 4500, 4400, 220),
                new Linkage("UNKNOWN", "No usable residence", 40, 40, 39, 39, 0)), LocalDate.of(2022, 2, 18));
    }

    /** figures() with published indicator rows, a pathway and delay-reason breakdown, and the snapshot */
    static ReportFigures fullFigures() {
        String n = "E06000061";
        String w = "E06000062";
        List<ReportFigures.Published> rows = List.of(
                new ReportFigures.Published("discharged_on_drd", n, "month", "2022-01", "percent", 60L, 60.0, 50.0, 70.0, null, false),
                new ReportFigures.Published("discharged_on_drd", n, "month", "2022-02", "percent", 65L, 65.0, 55.0, 74.0, null, false),
                new ReportFigures.Published("emergency_admissions", n, "financial_year", "2020-21", "dsr_per_100k", 4000L,
                        1000.0, 900.0, 1100.0, null, false),
                new ReportFigures.Published("emergency_admissions", w, "financial_year", "2020-21", "dsr_per_100k", 3000L,
                        800.0, 700.0, 900.0, null, false),
                new ReportFigures.Published("emergency_admissions", n, "financial_year", "2021-22", "dsr_per_100k", 4100L,
                        950.0, 860.0, 1040.0, null, false),
                new ReportFigures.Published("emergency_admissions", w, "financial_year", "2021-22", "dsr_per_100k", null,
                        null, null, null, null, true));
        List<ReportFigures.Breakdown> breakdown = List.of(
                new ReportFigures.Breakdown(n, "pathway", "1", "2022-01", 20L, 85L),
                new ReportFigures.Breakdown(n, "pathway", "3", "2022-02", 10L, 150L),
                new ReportFigures.Breakdown(w, "pathway", "1", "2022-02", null, null),
                new ReportFigures.Breakdown(w, "delay_reason", "housing", "2022-02", 15L, 140L));
        List<ReportFigures.Snapshot> snapshot = List.of(
                new ReportFigures.Snapshot(n, "North Northamptonshire", LocalDate.of(2022, 3, 20), 190L, 160L, 120L, 100L, 115L),
                new ReportFigures.Snapshot(w, "West Northamptonshire", LocalDate.of(2022, 3, 20), 210L, 175L, 145L, null, 125L,
                        true));
        return figures().with(rows, breakdown, snapshot);
    }

    @Test
    void the_page_answers_the_questions_summary_rates_with_intervals_breakdown_snapshot_and_glossary() {
        // DRDs collected from April 2021 in this test, so the 2022 months' DRD measures compare
        var drd = new DrdSettings(LocalDate.of(2021, 4, 1), DrdSettings.MIN_OVERNIGHT_DISCHARGES, DrdSettings.MIN_RECORDED_SHARE);
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, fullFigures(), null,
                List.of(), drd));

        // the summary comes first: run date 2022-03-20, March provisional -> February against January, 65 - 60 = +5.0
        assertThat(html.indexOf("<h2>At a glance</h2>")).isLessThan(html.indexOf("<h2>Run summary</h2>"));
        assertThat(html).contains(">Jan 2022</th><th class=\"num\">Feb 2022</th>", ">+5.0 points</td>",
                "<td class=\"better\">better (intervals overlap)</td>");
        // 2021-22 has not ended at the run date: no complete year before 2020-21, so nothing to compare it with
        assertThat(html).contains("no earlier period to compare");
        // areas compared on the published DSR with its interval; West's suppressed value said, not recomputed
        assertThat(html).contains("<h2>Areas compared: rates with 95 % confidence intervals</h2>",
                ">1,000.0 (900.0 – 1,100.0)</td>", ">suppressed</td>", ">suppressed</text>",
                "95 % interval: Dobson method");
        assertThat(html).doesNotContain("compare directly");
        // pathway bars over the latest twelve complete months (January and February): North 20 + 10 = 30 delayed,
        // pathway 1 20 / 30 = 67 %, pathway 3 10 / 30 = 33 %; West's pathway 1 month suppressed
        assertThat(html).contains("Delayed discharges by discharge pathway", "Delayed discharges by reason for the delay",
                ">67 % (20)</text>", ">33 % (10)</text>", ">suppressed (1 month)</text>", "Jan 2022 – Feb 2022");
        // the snapshot with its long stays and date; 100 / 190 = 52.6 % over 21 days
        assertThat(html).contains("Inpatients at the snapshot date", "<td>2022-03-20</td>", ">52.6 %</td>",
                "<strong>suppressed</strong>");
        // West's snapshot is marked provisional (a lagging discharge feed), North's is not
        assertThat(html).contains("<td>2022-03-20 <em>(provisional)</em></td>",
                "some of these patients may have left hospital without the discharge");
        assertThat(html.split("2022-03-20 <em>\\(provisional\\)</em>", -1)).hasSize(2);
        // the glossary names its sources
        assertThat(html).contains("<h2>Glossary</h2>", "id=\"g-ci\"", "docs/data-dictionary.md, &#39;indicators&#39; (lower_95)",
                "docs/measures.md, &#39;inpatient_snapshot&#39;");
        // every glossary link of the page has its entry
        Matcher link = Pattern.compile("href=\"#(g-[^\"]+)\"").matcher(html);
        while (link.find()) {
            assertThat(html).as(link.group(1)).contains("id=\"" + link.group(1) + "\"");
        }
        assertThat(html).doesNotContain("Sept");
    }

    static final List<RunReport.Step> STEPS = List.of(new RunReport.Step("validate", "COMPLETED", 41.5, "27,341 rows read"),
            new RunReport.Step("publish", "COMPLETED", 12.0, "rejects 65"));

    @Test
    void a_completed_run_has_every_section_and_a_chart_per_area_and_indicator() {
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, figures(), null));

        // run summary
        assertThat(html).contains("<h2>Run summary</h2>", "20220401T020000Z-7", "COMPLETED", "3 min 25 s",
                "2022-04-01 02:03:25 +00:00",
                "abc1234", "2022-01 to 2022-03 (3 months)", "27,341 rows read", "published/delayed_discharge_monthly");
        // data quality per feed: read, accepted, quarantined by reason, excluded
        assertThat(html).contains("<h2>Data quality per feed</h2>", "10,375", "9,997", "<code>MALFORMED_ROW</code> 2",
                "<code>BAD_DATE</code> 1", "<code>INVALID_NHS_NUMBER</code> 24", "favourite_colour",
                "apc_admissions/rns_2022_03.csv", "Excluded: opt-out", "all feeds (1 file)", "14,197");
        // linkage: 470 / 4,700 = 10.0 %, 220 / 4,400 = 5.0 %
        assertThat(html).contains("<h2>Linkage between hospital and social care data</h2>", "10.0 %", "5.0 %",
                "No usable residence");
        // provisional: the run date 2022-03-20 is inside March; March and the financial year 2021-22 are provisional
        assertThat(html).contains("<h2>Provisional periods</h2>", "<strong>2022-03</strong>", "<strong>2021-22</strong>",
                "2022-03 <em>(provisional)</em>", "discharges after 2022-02-18 are not counted");
        // charts: 7 indicators x 2 areas, each an inline SVG, and the numbers behind them
        assertThat(html).contains("Delay days", "% discharged on the discharge ready date", "Emergency admissions",
                "Discharge ready date completeness", "Delayed discharges by length of delay",
                "chronic ambulatory care sensitive conditions", "Emergency readmissions within 30 days");
        assertThat(count(html, "<svg")).isEqualTo(14);
        assertThat(html).contains(">7.5 (3 / 40)</td>", ">120</td>", ">402</td>", ">61.0 (290 measured)</td>",
                ">12.5 (290 of 300 measured)</td>", ">5 · 4 · 3 · 2 · 1 · 2</td>");
        // the band chart has its legend: one entry per band
        assertThat(html).contains(">21+ days</text>", ">1 day</text>");
        // cut-off 2022-02-18: February and March readmissions are still being followed up
        assertThat(html).contains("follow-up incomplete</text>", ">–</td>");
        assertThat(html).contains("provisional</text>");
    }

    @Test
    void the_ascof_section_gives_each_measure_per_area_and_year_with_its_reference_and_the_follow_up_window() {
        ReportFigures f = figures();
        String p1 = "reablement_remained_in_community_12wk";
        List<ReportFigures.IndicatorValue> ascof = List.of(
                // 2C: 400 people / 70,000 population x 100,000 = 571.4
                new ReportFigures.IndicatorValue("residential_admissions_65plus", "E06000061", "financial_year",
                        "2020-21", 400, 70000, 571.43, 517.0, 630.0, "ASCOF 2C (2024-25, CLD)"),
                // 2D part 1: 80 / 100 = 80.0 % in 2020-21; 40 / 50 in 2021-22, whose follow-up is not complete
                new ReportFigures.IndicatorValue(p1, "E06000061", "financial_year", "2020-21", 80, 100, 80.0, 71.1,
                        86.7, "ASCOF 2D part 1 (2024-25, CLD + hospital)"),
                new ReportFigures.IndicatorValue(p1, "E06000061", "financial_year", "2021-22", 40, 50, 80.0, 67.0,
                        88.8, "ASCOF 2D part 1 (2024-25, CLD + hospital)"),
                // January 2022: 10 / 12 = 83.3 %
                new ReportFigures.IndicatorValue(p1, "E06000061", "month", "2022-01", 10, 12, 83.33, 55.2, 95.3,
                        "ASCOF 2D part 1 (2024-25, CLD + hospital)"));
        f = new ReportFigures(f.months(), f.areas(), f.linkage(), f.readmissionCutoff(), f.drdNotRecording(), ascof);

        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, f, null));

        assertThat(html).contains("<h2>Adult social care outcomes (ASCOF 2B, 2C, 2D)</h2>", "ASCOF 2C: ",
                "ASCOF 2D part 1: ", "National reference: ASCOF 2C (2024-25, CLD)",
                ">571.4 (400 people; population 70,000)</td>", ">80.0 % (80 / 100)</td>", ">80.0 % (40 / 50)</td>");
        // no row at all for 2B or part 2, so no table for them; West has no value: a dash
        assertThat(html).doesNotContain("ASCOF 2B: ", "ASCOF 2D part 2: ");
        // run date 2022-03-20 - 84 days = 2021-12-26: 2021-22 and every month of the charts lack complete follow-up
        assertThat(html).contains("follow-up incomplete: discharges after 2021-12-26 not counted yet",
                "2022-01 <em>(follow-up incomplete)</em>", ">83.3 (10 / 12)</td>");
        assertThat(count(html, "follow-up incomplete: discharges after")).isEqualTo(1);
        // 14 indicator charts and the part 1 chart of each area
        assertThat(count(html, "<svg")).isEqualTo(16);
    }

    @Test
    void the_rules_that_could_not_be_applied_are_listed_per_provider() {
        // given a provider without patient classification, and a provider-month that did not record DRDs
        ReportFigures f = figures();
        f = new ReportFigures(f.months(), f.areas(), f.linkage(), f.readmissionCutoff(),
                List.of(new ReportFigures.ProviderMonth("RNQ", "2023-04", 93, 0)));
        var gap = new RuleCoverage.Gap("RNQ", "patient_classification", "readmissions: day cases and regular "
                + "attenders (patient classification 2, 3, 4) could not be excluded from the index stays");
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, f, null,
                List.of(gap), DrdSettings.defaults()));

        assertThat(html).contains("<h2>National rules that could not be applied</h2>",
                "<td><code>RNQ</code></td><td><code>patient_classification</code></td><td>readmissions: day cases",
                "From 2023-04-01 a blank DRD", "at least 50", "fewer than 5 %",
                "<td><code>RNQ</code></td><td>2023-04</td><td class=\"num\">93</td>");
        // and without any: it says so
        String none = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, figures(),
                null));
        assertThat(none).contains("None: every provider's extract fills the fields",
                "None: from 2023-04-01 every provider-month large enough to judge records DRDs.");
    }

    @Test
    void the_page_fetches_nothing_and_runs_no_script() {
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, fullFigures(),
                null));
        writeForPeople(html);
        assertThat(html).doesNotContainIgnoringCase("http").doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe");
        // every href and url() points inside the page (anchors, the charts' clip paths); no src at all
        Matcher ref = Pattern.compile("(href=[\"']|url\\()([^\"')]*)").matcher(html);
        int refs = 0;
        while (ref.find()) {
            assertThat(ref.group(2)).as(ref.group()).startsWith("#");
            refs++;
        }
        assertThat(refs).isPositive();
        assertThat(html).doesNotContain("src=");
        // chart ids are unique in the page (clip paths of one chart never apply to another)
        Matcher clip = Pattern.compile("<clipPath id=\"([^\"]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (clip.find()) {
            ids.add(clip.group(1));
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void a_failed_run_still_shows_its_summary_and_data_quality_and_says_why_there_are_no_charts() {
        String html = RunReport.render(new RunReport.Input(manifest("FAILED", "measure: out of memory <heap>"), "nightly",
                List.of(new RunReport.Step("measure", "FAILED", 3.0, null)), ReportFigures.none(),
                "the run failed in step measure before publishing its tables."));
        assertThat(html).contains("<h2>Run summary</h2>", "FAILED", "The run did not complete",
                "<h2>Data quality per feed</h2>", "10,375", "<code>BAD_DATE</code> 1",
                "No charts: the run failed in step measure before publishing its tables.");
        // the failure text is escaped, not markup
        assertThat(html).contains("out of memory &lt;heap&gt;").doesNotContain("<heap>");
        assertThat(count(html, "<svg")).isZero();
    }

    @Test
    void published_without_disclosure_control_is_said_loudly() {
        RunManifest m = manifest("COMPLETED", null);
        RunManifest off = new RunManifest(m.runId(), m.runDate(), m.status(), m.startedAt(), m.finishedAt(),
                m.bedflowVersion(), m.gitCommit(), m.sparkMaster(), m.configSha256(), m.input(), false, null, m.inputs(),
                m.feeds(), m.outputs());
        assertThat(RunReport.render(new RunReport.Input(off, "nightly", STEPS, figures(), null)))
                .contains("WITHOUT disclosure control");
    }

    @Test
    void the_report_file_is_readable_by_owner_and_group_only(@TempDir Path tmp) throws Exception {
        TableStore store = new TableStore(SharedSpark.session(), tmp.resolve("out").toString());
        var file = RunReport.write(store.fileSystem(), store.root(), "R1", "<html></html>");
        Path report = tmp.resolve("out/runs/R1/report.html");
        assertThat(file.toString()).endsWith("runs/R1/report.html");
        assertThat(Files.readString(report)).isEqualTo("<html></html>");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report))).isEqualTo("rw-rw----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report.getParent()))).isEqualTo("rwxrwx---");
    }

    private static String withEpisodes(EpisodeLinkage episodes) {
        return RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, figures(), null,
                List.of(), DrdSettings.defaults(), null, null, null, episodes));
    }

    @Test
    void the_linkage_section_gives_per_area_the_ascof_2d_episodes_linked_exactly_and_on_the_window() {
        String html = withEpisodes(EpisodeLinkage.of(List.of(
                new EpisodeLinkage.Count("OTHER", "2022-02", 3, 3),
                new EpisodeLinkage.Count("E06000061", "2022-02", 10, 4),
                new EpisodeLinkage.Count("E06000061", "2022-01", 10, 8))));

        // North: 10 + 10 = 20 linked, 8 + 4 = 12 exact, 12 / 20 = 60.0 %, 20 - 12 = 8 window
        String north = "North Northamptonshire <code>E06000061</code>: ASCOF 2D reablement episodes linked to a "
                + "discharge: 20, of which exact 12 (60.0 %), window 8";
        // West is configured but has no episode; OTHER 3 of 3 = 100.0 %
        String west = "West Northamptonshire <code>E06000062</code>: ASCOF 2D reablement episodes linked to a "
                + "discharge: 0, of which exact 0 (–), window 0";
        String other = "Outside the configured areas <code>OTHER</code>: ASCOF 2D reablement episodes linked to a "
                + "discharge: 3, of which exact 3 (100.0 %), window 0";
        assertThat(html).contains(north, west, other);
        // configured areas first, in the order of the spells' table, then the others; all inside the linkage section
        assertThat(html.indexOf(north)).isLessThan(html.indexOf(west))
                .isGreaterThan(html.indexOf("<section id=\"linkage\">"));
        assertThat(html.indexOf(west)).isLessThan(html.indexOf(other)).isLessThan(html.indexOf("<section id=\"compare\">"));
        // by month, oldest first: January 8 of 10 = 80.0 %, 2 window; February 4 of 10 = 40.0 %, 6 window;
        // a table for North and OTHER, none for West
        assertThat(html).contains("<th class=\"num\">Linked episodes</th>",
                "<td>2022-01</td><td class=\"num\">10</td><td class=\"num\">8</td><td class=\"num\">2</td>",
                "<td class=\"num\">80.0 %</td>",
                "<td>2022-02</td><td class=\"num\">10</td><td class=\"num\">4</td><td class=\"num\">6</td>",
                "<td class=\"num\">40.0 %</td>");
        assertThat(html.indexOf("<td>2022-01</td><td class=\"num\">10</td>"))
                .isLessThan(html.indexOf("<td>2022-02</td><td class=\"num\">10</td>"));
        assertThat(count(html, "ASCOF 2D episodes, exact and window links by month of discharge")).isEqualTo(2);
        assertThat(html).doesNotContain("West Northamptonshire: ASCOF 2D episodes, exact and window links");
    }

    @Test
    void without_a_social_care_feed_or_when_they_could_not_be_computed_the_ascof_2d_episode_links_say_why() {
        String noFeed = withEpisodes(EpisodeLinkage.noSocialCareFeed());
        assertThat(noFeed).contains("<h3>ASCOF 2D: reablement episodes linked to a discharge</h3>",
                "are not shown: the run has no social care feed").doesNotContain("of which exact");
        String failed = withEpisodes(EpisodeLinkage.unavailable("they could not be computed (the run's log says why)."));
        assertThat(failed).contains("are not shown: they could not be computed (the run&#39;s log says why).")
                .doesNotContain("of which exact");
        // a run that did not complete has no such part
        assertThat(withEpisodes(null)).doesNotContain("ASCOF 2D: reablement episodes linked to a discharge");
    }

    @Test
    void durations_read_like_a_person_would_write_them() {
        assertThat(RunReport.duration("2022-04-01T02:00:00Z", "2022-04-01T02:00:41Z")).isEqualTo("41 s");
        assertThat(RunReport.duration("2022-04-01T02:00:00Z", "2022-04-01T03:05:00Z")).isEqualTo("1 h 05 min");
        assertThat(RunReport.duration(null, "2022-04-01T03:05:00Z")).isNull();
    }

    /** target/report-example.html: the example page, to open in a browser */
    private static void writeForPeople(String html) {
        try {
            Files.writeString(Path.of("target", "report-example.html"), html);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void the_data_quality_section_shows_each_sources_rates_against_the_threshold_that_applied() {
        RunManifest base = manifest("COMPLETED", null);
        RunManifest.Source rwe = new RunManifest.Source("rwe_discharges", "/etc/bedflow/feeds/rwe_discharges.yaml", 7,
                0, 0.2, "source: reject_threshold of /etc/bedflow/feeds/rwe_discharges.yaml", false, 1.0 / 7, 0.2,
                "source: bedflow.feeds.rwe_discharges.warning-threshold", false, Map.of("delay_reason UNMAPPED_CODE", 1L),
                List.of("discharge_pathway: the pathway breakdown of delayed_discharge_breakdown"));
        RunManifest.Feed dis = new RunManifest.Feed("apc_discharges", 7, 7, 0, 1, 0, 0, 0, 0.05, false, Map.of(),
                Map.of("UNMAPPED_CODE", 1L), List.of(), List.of(rwe));
        RunManifest m = new RunManifest(base.runId(), base.runDate(), base.status(), base.startedAt(), base.finishedAt(),
                base.bedflowVersion(), base.gitCommit(), base.sparkMaster(), base.configSha256(), base.input(),
                base.disclosureControl(), base.failure(), base.inputs(), List.of(dis), base.outputs());

        String html = RunReport.render(new RunReport.Input(m, "nightly", STEPS, figures(), null));

        assertThat(html).contains("Per source: rates against the threshold that applied", "<code>rwe_discharges</code>",
                "14.29 %", "20 % (source: bedflow.feeds.rwe_discharges.warning-threshold)",
                "20 % (source: reject_threshold of /etc/bedflow/feeds/rwe_discharges.yaml)",
                "<code>delay_reason UNMAPPED_CODE 1</code>", "discharge_pathway: the pathway breakdown");
        assertThat(RunReport.render(new RunReport.Input(base, "nightly", STEPS, figures(), null)))
                .as("a manifest without sources has no such table").doesNotContain("Per source:");
    }

    @Test
    void the_completeness_rule_marks_months_per_area_and_the_report_shows_warnings_and_suppliers() {
        // run date 2022-03-20 would make March provisional by the calendar; here the completeness result decides:
        // North's February and March (its provider RNS lags from February), West's March only
        var completeness = new org.bedflow.pipeline.measure.completeness.Completeness(List.of(
                new org.bedflow.pipeline.measure.completeness.Completeness.Supplier("apc_discharges", "RNS", "2022-01",
                        "2022-02", "2022-02: 389 of 475 admissions (82 %) have no discharge yet; limit 5 %", true),
                new org.bedflow.pipeline.measure.completeness.Completeness.Supplier("apc_admissions", "RNQ", "2022-03",
                        null, null, false)),
                Map.of("E06000061", List.of("2022-02", "2022-03"), "E06000062", List.of("2022-03")), "2022-03-19",
                List.of("run date 2026-12-05 is 1,721 days after the latest data (2022-03-19): re-run"));
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, figures(),
                null, List.of(), null, completeness));

        assertThat(RunReport.provisionalByArea(figures(), completeness, LocalDate.of(2022, 3, 20)))
                .containsExactly(Map.entry("E06000061", List.of("2022-02", "2022-03")),
                        Map.entry("E06000062", List.of("2022-03")));
        // the warnings box comes before the first section
        assertThat(html.indexOf("id=\"warnings\"")).isPositive().isLessThan(html.indexOf("<h2>Run summary</h2>"));
        assertThat(html).contains("run date 2026-12-05 is 1,721 days after the latest data (2022-03-19): re-run");
        // the charts shade the union over the areas: February and March
        assertThat(html).contains("<strong>2022-02, 2022-03</strong>", "<code>E06000061</code>:\n        2022-02, 2022-03");
        assertThat(html).contains("<h3>Completeness of the feeds</h3>", "<td><code>RNS</code></td>",
                "<td>2022-01</td><td>2022-02: 389 of 475 admissions (82 %) have no discharge yet; limit 5 %</td>",
                "<td>2022-03</td><td>complete</td><td>no</td>");
    }

    @Test
    void without_a_completeness_result_the_calendar_decides_for_every_area() {
        assertThat(RunReport.provisionalByArea(figures(), null, LocalDate.of(2022, 3, 20)))
                .containsExactly(Map.entry("E06000061", List.of("2022-03")), Map.entry("E06000062", List.of("2022-03")));
        String html = RunReport.render(new RunReport.Input(manifest("COMPLETED", null), "nightly", STEPS, figures(), null));
        assertThat(html).doesNotContain("id=\"warnings\"", "Completeness of the feeds");
    }
}
