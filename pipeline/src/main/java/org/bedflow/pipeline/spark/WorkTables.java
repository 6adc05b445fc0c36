package org.bedflow.pipeline.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Where a stage keeps the frames it materialises during a run (the run's work area). A
 * stage names what it keeps; where the files go, and that nothing else writes there, is the
 * work area's business. Implemented by {@code org.bedflow.pipeline.run.WorkArea}; defined
 * here so that stages ({@code ingest}, {@code link}, ...) need not depend on the run that
 * calls them.
 */
public interface WorkTables {

    /** Writes {@code rows} under {@code name}, replacing what was there. */
    void write(String name, Dataset<Row> rows);

    /** The frame written under {@code name}; a precise error when it is not there. */
    Dataset<Row> read(String name);

    /** Writes {@code rows} and reads them back: later uses read the file, nothing is computed twice. */
    default Dataset<Row> keep(String name, Dataset<Row> rows) {
        write(name, rows);
        return read(name);
    }
}
