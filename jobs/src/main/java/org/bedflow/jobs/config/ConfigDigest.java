package org.bedflow.jobs.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.stereotype.Component;

/**
 * SHA-256 of the effective bedflow.* configuration (sorted key=value lines), written into
 * the manifest so two runs can be shown to have used the same settings. Secrets (keys
 * containing "key" or "password") are left out of the digest input on purpose.
 */
@Component
public class ConfigDigest {

    private final ConfigurableEnvironment env;

    public ConfigDigest(ConfigurableEnvironment env) {
        this.env = env;
    }

    public String sha256() {
        Map<String, String> effective = new TreeMap<>();
        for (var source : env.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> e) {
                for (String name : e.getPropertyNames()) {
                    String lower = name.toLowerCase();
                    if (lower.startsWith("bedflow.") && !lower.contains("key") && !lower.contains("password")) {
                        effective.putIfAbsent(name, env.getProperty(name));
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        effective.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
