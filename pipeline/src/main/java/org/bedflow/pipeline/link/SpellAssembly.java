package org.bedflow.pipeline.link;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.bedflow.pipeline.schema.FeedSchema;
import org.bedflow.pipeline.schema.Feeds;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Hospital provider spells: each accepted admission with its discharge, if any (open
 * spells keep null discharge fields). Discharges without an admission (ORPHAN_DISCHARGE)
 * are not spells: they were reported at validation and stop there.
 */
public final class SpellAssembly {

    private SpellAssembly() {
    }

    public static Dataset<Row> spells(Dataset<Row> admissions, Dataset<Row> discharges) {
        FeedSchema adm = Feeds.APC_ADMISSIONS;
        FeedSchema dis = Feeds.APC_DISCHARGES;
        List<String> key = adm.businessKey();
        // discharge columns other than the key, renamed where they clash with admission columns
        List<Column> dischargeCols = new ArrayList<>();
        key.forEach(k -> dischargeCols.add(col(k)));
        for (String f : dis.fieldNames()) {
            if (key.contains(f)) {
                continue;
            }
            dischargeCols.add(adm.hasField(f) ? col(f).as("discharge_" + f) : col(f));
        }
        Dataset<Row> d = discharges.select(dischargeCols.toArray(Column[]::new));
        Dataset<Row> a = admissions.select(adm.fieldNames().stream().map(c -> col(c)).toArray(Column[]::new));
        return a.join(d, CollectionConverters.asScala(key).toSeq(), "left");
    }
}
