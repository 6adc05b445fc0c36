package org.bedflow.sample;

/** Concrete format of one written extract file. */
enum FileFormat {
    CSV("csv"),
    CSV_GZ("csv.gz"),
    AVRO("avro"),
    PARQUET("parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    String extension() {
        return extension;
    }

    static FileFormat of(Format format) {
        return format == Format.PARQUET ? PARQUET : CSV;
    }
}
