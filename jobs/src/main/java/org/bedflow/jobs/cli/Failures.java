package org.bedflow.jobs.cli;

import java.sql.SQLException;

import org.bedflow.jobs.BedflowCli;
import org.bedflow.jobs.logging.Redaction;
import org.springframework.beans.BeansException;
import org.springframework.boot.context.config.ConfigDataException;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;

/** The one-line reason printed on the terminal for a failure; the stack trace goes to the log only. */
public final class Failures {

    private Failures() {
    }

    public static String describe(Throwable e) {
        if (e == null) {
            return "unknown failure";
        }
        Throwable sql = find(e, SQLException.class);
        if (sql != null || find(e, DataAccessException.class) != null) {
            Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
            return Redaction.redact("cannot use the job repository (" + repository() + "): " + BedflowCli.oneLine(root));
        }
        if (find(e, ConfigDataException.class) != null) {
            return Redaction.redact("configuration: " + BedflowCli.oneLine(find(e, ConfigDataException.class)));
        }
        if (e instanceof BeansException || e instanceof ApplicationContextException) {
            // Spring could not start: the innermost cause says what is wrong
            return Redaction.redact(BedflowCli.oneLine(NestedExceptionUtils.getMostSpecificCause(e)));
        }
        return Redaction.redact(BedflowCli.oneLine(e));
    }

    /** Where the job repository is, without credentials. */
    static String repository() {
        String url = System.getProperty("BEDFLOW_DB_URL", System.getenv("BEDFLOW_DB_URL"));
        if (url == null || url.isBlank()) {
            return "embedded database under ~/.bedflow";
        }
        return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=***");
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
