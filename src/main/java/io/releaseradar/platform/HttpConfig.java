package io.releaseradar.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** HTTP limits that apply to every API call. */
@ConfigMapping(prefix = "radar.http")
public interface HttpConfig {

    /** Largest request body accepted, in bytes; larger requests get 413 and store nothing (32 MiB fits a full batch). */
    @WithDefault("33554432")
    long maxRequestBytes();
}
