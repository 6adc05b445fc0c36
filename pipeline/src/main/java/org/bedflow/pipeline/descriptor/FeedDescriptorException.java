package org.bedflow.pipeline.descriptor;

import org.bedflow.pipeline.schema.FeedInputException;

/**
 * A feed descriptor cannot be used: not valid YAML, an unknown role or key, a column mapped
 * onto a field the role does not have, a bad date pattern, a value mapped onto a code that
 * is not canonical, two descriptors claiming one file. The message starts with the
 * descriptor file (and line, when known) and says what is wrong. An input problem like any
 * other {@link FeedInputException}: the run stops before any Spark job with exit code 3.
 */
public class FeedDescriptorException extends FeedInputException {

    public FeedDescriptorException(String message) {
        super(message);
    }

    public FeedDescriptorException(String message, Throwable cause) {
        super(message, cause);
    }
}
