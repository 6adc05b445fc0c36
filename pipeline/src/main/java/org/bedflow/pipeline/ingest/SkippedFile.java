package org.bedflow.pipeline.ingest;

/**
 * A file found in a feed folder and not read, with why (docs/validation.md, "The input folder"):
 * named in the manifest ({@code skipped_files} of its feed), the run report and the log, never read.
 *
 * @param feed   the feed folder it was found in
 * @param path   relative to the input folder, '/'-separated
 * @param reason why it was not read
 */
public record SkippedFile(String feed, String path, String reason) {
}
