package org.bedflow.sample;

/**
 * The format mix of the committed sample ({@code sampleExtras}): the readers must cope with
 * every format in any mix, so the sample carries one Avro extract (Kettering General's
 * discharges), one Parquet extract (West Northamptonshire's social care events) and one
 * gzipped CSV (Milton Keynes' admissions) beside plain CSV.
 */
final class SampleLayout {

    private SampleLayout() {
    }

    static FileFormat formatOf(String feed, String key, Format base) {
        if (feed.equals("apc_discharges") && key.equals(Provider.RNQ.code())) {
            return FileFormat.AVRO;
        }
        if (feed.equals("social_care_events") && key.equals(Northamptonshire.WEST)) {
            return FileFormat.PARQUET;
        }
        if (feed.equals("apc_admissions") && key.equals(Provider.RD8.code())) {
            return FileFormat.CSV_GZ;
        }
        return FileFormat.of(base);
    }
}
