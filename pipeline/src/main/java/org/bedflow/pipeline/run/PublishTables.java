package org.bedflow.pipeline.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bedflow.pipeline.publish.DisclosureControl;
import org.bedflow.pipeline.publish.RunManifest;
import org.bedflow.pipeline.publish.TableStore;
import org.bedflow.pipeline.schema.OutputTables;

/**
 * Last step, publish: every output table was staged by the step that computed it (rejects
 * by validate, linked_spells by link, the aggregate tables by measure). Publish stages the
 * commissioners' disclosure-controlled copies under {@code published/}, moves every table into
 * the run's set and then switches readers to the whole set at once (docs/architecture.md,
 * "Publishing"; table by table where the file system has no symlinks).
 *
 * <p>Safe to repeat after a crash: a table an earlier attempt of this run already published
 * is left in place; the rest are published as before, and the switch is made (again). A table
 * neither staged nor already published fails the step rather than being skipped: a run
 * never completes with tables missing.
 */
public final class PublishTables {

    /** Folder of the commissioners' copies of the aggregate tables. */
    public static final String PUBLISHED = "published/";

    private final SparkSession spark;
    private final RunContext run;
    private final List<OutputTables> tables;

    /** @param tables what to publish: every table after a nightly run, the rejects after a validate-only run */
    public PublishTables(SparkSession spark, RunContext run, List<OutputTables> tables) {
        this.spark = spark;
        this.run = run;
        this.tables = List.copyOf(tables);
    }

    /**
     * @param outputs     rows per table swapped in, the {@code published/} copies included
     * @param anyCopy     whether a commissioners' copy was published
     */
    public record Result(List<RunManifest.Output> outputs, boolean anyCopy, boolean disclosureControl) {

        public long rows() {
            return outputs.stream().filter(o -> !o.table().startsWith(PUBLISHED)).mapToLong(RunManifest.Output::rows)
                    .sum();
        }

        public String summary() {
            StringBuilder s = new StringBuilder();
            outputs.stream().filter(o -> !o.table().startsWith(PUBLISHED)).forEach(o -> s.append(s.isEmpty() ? "" : ", ")
                    .append(String.format("%s %,d", o.table(), o.rows())));
            return s + (!anyCopy ? "" : disclosureControl ? "; published/ disclosure-controlled"
                    : "; published/ WITHOUT disclosure control");
        }
    }

    public Result execute() {
        WorkArea work = run.workArea(spark);
        TableStore store = work.store();
        boolean control = run.config().disclosureControl();
        List<RunManifest.Output> outputs = new ArrayList<>();
        boolean anyCopy = false;
        for (OutputTables table : tables) {
            String name = table.table();
            Dataset<Row> rows = work.isStaged(name) ? work.readStaged(name)
                    : store.isPublishedBy(run.runId(), name) ? store.readPublished(run.runId(), name)
                    : work.readStaged(name);
            long count = rows.count();
            Optional<Dataset<Row>> copy = DisclosureControl.published(table, rows, control);
            if (copy.isPresent()) {
                anyCopy = true;
                String copyName = PUBLISHED + name;
                if (!store.isPublishedBy(run.runId(), copyName) || work.isStaged(name)) {
                    // staged before the table itself moves: its rows are read from the table's staged copy
                    work.stage(copyName, copy.get(), table);
                }
                store.publish(run.runId(), name);
                store.publish(run.runId(), copyName);
                outputs.add(new RunManifest.Output(copyName, store.readPublished(run.runId(), copyName).count()));
            } else {
                store.publish(run.runId(), name);
            }
            outputs.add(new RunManifest.Output(name, count));
        }
        store.switchTo(run.runId());
        return new Result(outputs, anyCopy, control);
    }
}
