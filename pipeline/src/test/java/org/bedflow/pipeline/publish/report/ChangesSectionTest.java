package org.bedflow.pipeline.publish.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.bedflow.pipeline.link.DrdSettings;
import org.bedflow.pipeline.publish.changes.Changes;
import org.bedflow.pipeline.publish.changes.RunChanges;
import org.junit.jupiter.api.Test;

/** The report's "What changed since the last run": counts per flag, revisions closed first, capped at 50. */
class ChangesSectionTest {

    private static String render(ChangesSection.View view) {
        return RunReport.render(new RunReport.Input(RunReportTest.manifest("COMPLETED", null), "nightly", List.of(),
                RunReportTest.figures(), null, List.of(), DrdSettings.defaults(), null, view));
    }

    private static Changes.Change revised(String month, boolean closed, double oldValue, double newValue) {
        return new Changes.Change("delayed_discharge_monthly", "E06000061", "month", month, null, null, "discharges",
                oldValue, newValue, newValue - oldValue, 100 * (newValue - oldValue) / oldValue, Changes.REVISED,
                closed, "A", "B");
    }

    @Test
    void theRevisionsAreListedClosedPeriodsFirst() {
        var changes = new ArrayList<Changes.Change>(List.of(
                revised("2022-03", false, 200, 300),  // +50 %, provisional before
                revised("2022-01", true, 200, 212),   // +6 %, closed
                new Changes.Change("indicators", "E06000061", "month", "2022-02", "indicator", "emergency_admissions",
                        "numerator", 100.0, 106.0, 6.0, 6.0, Changes.CHANGED, true, "A", "B")));
        changes.sort(Changes.ORDER);

        String html = render(ChangesSection.of(new RunChanges.Result("A", changes, "runs/B/changes",
                Changes.Limits.defaults())));

        String section = html.substring(html.indexOf("<section id=\"changes\">"));
        section = section.substring(0, section.indexOf("</section>"));
        assertThat(html).contains("<a href=\"#changes\">What changed</a>");
        assertThat(section).contains("<h2>What changed since the last run</h2>", "run <code>A</code>",
                "more than 5 %", "at least 10", "<tr><td>revised</td><td class=\"num\">2</td></tr>",
                "<tr><td>changed</td><td class=\"num\">1</td></tr>", "<code>runs/B/changes</code>")
                .containsSubsequence("<strong>closed</strong></td><td>delayed_discharge_monthly</td><td>E06000061</td>"
                        + "<td>2022-01</td><td></td><td>discharges</td><td class=\"num\">200</td><td class=\"num\">212"
                        + "</td><td class=\"num\">+12</td><td class=\"num\">+6 %</td>", "provisional</td>"
                        + "<td>delayed_discharge_monthly</td><td>E06000061</td><td>2022-03</td>")
                .doesNotContain("emergency_admissions");
    }

    @Test
    void moreThanFiftyRevisionsAreCountedNotListed() {
        var changes = new ArrayList<Changes.Change>();
        for (int i = 0; i < 53; i++) {
            changes.add(revised(String.format("20%02d-01", i), true, 100, 200));
        }

        String html = render(ChangesSection.of(new RunChanges.Result("A", changes, "runs/B/changes",
                Changes.Limits.defaults())));

        assertThat(html).contains("3 more in <code>runs/B/changes</code>");
    }

    @Test
    void theFirstRunOnAFolderSaysSo() {
        String html = render(ChangesSection.of(new RunChanges.Result(null, List.of(), null, Changes.Limits.defaults())));

        assertThat(html).contains("<h2>What changed since the last run</h2>", "First run on this folder");
    }

    @Test
    void aRunThatDidNotCompleteHasNoSection() {
        assertThat(render(null)).doesNotContain("What changed since the last run");
    }
}
