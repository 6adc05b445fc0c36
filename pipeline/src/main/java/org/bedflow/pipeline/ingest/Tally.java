package org.bedflow.pipeline.ingest;

/**
 * Rows of one file, source or feed by what became of them, as the ingest report adds them
 * up: read, accepted, quarantined, warned, superseded, opted out. A warned row is accepted
 * and counts in warned too. Mutable, and only ever used by one thread (one report).
 */
final class Tally {

    private long read;
    private long accepted;
    private long quarantined;
    private long warned;
    private long superseded;
    private long optedOut;

    /**
     * Adds {@code n} rows of one outcome; any outcome other than accepted, quarantined and
     * superseded is an opt-out.
     *
     * @param warned the rows carry warnings (counted only when accepted)
     */
    void add(String outcome, long n, boolean warned) {
        read += n;
        switch (outcome) {
            case Classified.ACCEPTED -> {
                accepted += n;
                if (warned) {
                    this.warned += n;
                }
            }
            case Classified.QUARANTINED -> quarantined += n;
            case Classified.SUPERSEDED -> superseded += n;
            default -> optedOut += n;
        }
    }

    void add(Tally other) {
        read += other.read;
        accepted += other.accepted;
        quarantined += other.quarantined;
        warned += other.warned;
        superseded += other.superseded;
        optedOut += other.optedOut;
    }

    /** The share of the rows read that were quarantined; 0 when none were read. */
    double quarantinedShare() {
        return read == 0 ? 0 : (double) quarantined / read;
    }

    IngestReport.FileCounts fileCounts(InputFile file) {
        return new IngestReport.FileCounts(file, read, accepted, quarantined, warned, superseded, optedOut);
    }

    long read() {
        return read;
    }

    long accepted() {
        return accepted;
    }

    long quarantined() {
        return quarantined;
    }

    long warned() {
        return warned;
    }

    long superseded() {
        return superseded;
    }

    long optedOut() {
        return optedOut;
    }
}
