package org.bedflow.pipeline.schema;

/**
 * A feed cannot be read at all: a required folder is missing or empty, a file is not
 * CSV/Avro/Parquet, or its header lacks required columns. The message names the folder
 * or file and is meant for the analyst (printed as the one-line reason). Part of the feeds'
 * shared vocabulary: reading ({@code ingest}) and feed descriptors ({@code descriptor}, whose
 * {@code FeedDescriptorException} is one) both throw it without depending on each other.
 */
public class FeedInputException extends RuntimeException {

    public FeedInputException(String message) {
        super(message);
    }

    public FeedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
