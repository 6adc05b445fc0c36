package org.bedflow.jobs.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bedflow.pipeline.spark.PrivateFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.event.ApplicationContextEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The embedded job repository: before anything connects, its URL gets the options bedflow
 * needs ({@link JobRepositoryUrl}) and its folder, when bedflow creates it, is owner-only
 * (0700); the database, lock and trace files bedflow creates are made owner-only (0600) once
 * they exist. They hold the runs' input and output paths and failure reasons; the process
 * umask (often 022) would leave them world-readable.
 */
@Component
public class JobRepositoryFiles implements BeanFactoryPostProcessor, EnvironmentAware,
        ApplicationListener<ApplicationContextEvent> {

    static final String URL = "spring.datasource.url";
    static final List<String> SUFFIXES = List.of(".mv.db", ".lock.db", ".trace.db");
    private static final Logger log = LoggerFactory.getLogger(JobRepositoryFiles.class);

    private ConfigurableEnvironment environment;
    /** files of the database that did not exist before this process started it */
    private final List<Path> created = new ArrayList<>();

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty(URL);
        String normalised = JobRepositoryUrl.normalise(url);
        if (normalised != null && !normalised.equals(url)) {
            environment.getPropertySources().addFirst(new MapPropertySource("bedflow-job-repository",
                    Map.of(URL, normalised)));
        }
        if (JobRepositoryUrl.isH2File(url)) {
            Path base = JobRepositoryUrl.basePath(url);
            PrivateFolders.create(base.getParent(), PrivateFolders.OWNER_ONLY);
            for (String suffix : SUFFIXES) {
                Path file = base.resolveSibling(base.getFileName() + suffix);
                if (!Files.exists(file)) {
                    created.add(file);
                }
            }
        }
    }

    /** After start-up (database and lock file open) and at close (a trace file written meanwhile). */
    @Override
    public void onApplicationEvent(ApplicationContextEvent event) {
        if (event instanceof ContextRefreshedEvent || event instanceof ContextClosedEvent) {
            ownerOnly();
        }
    }

    void ownerOnly() {
        for (Path file : created) {
            try {
                if (Files.exists(file)) {
                    PrivateFolders.set(file, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (NoSuchFileException closed) {
                // the lock file goes when the database closes
            } catch (IOException e) {
                log.warn("could not make the job repository file {} owner-only", file, e);
            }
        }
    }
}
