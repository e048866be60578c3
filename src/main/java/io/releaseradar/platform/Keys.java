package io.releaseradar.platform;

import java.util.regex.Pattern;

/**
 * The shape of identifiers that appear in paths and rollup keys. Product keys and versions are free text up to 100
 * characters but limited to letters, digits and {@code . _ - + ~ :} so that they are safe in URLs, logs and metric
 * tags; anything else (spaces, quotes, semicolons: "notes'; drop table") is rejected with a 400.
 */
public final class Keys {

    /** Regex for product keys, e.g. {@code notes}. */
    public static final String PRODUCT_REGEX = "[A-Za-z0-9][A-Za-z0-9._~:-]{0,99}";
    /** Regex for versions, e.g. {@code 2.4.0-beta.1+build.7}. */
    public static final String VERSION_REGEX = "[A-Za-z0-9][A-Za-z0-9._~:+-]{0,99}";
    /** Regex for contact sources, e.g. {@code zendesk}; they become metric tags, so they stay short. */
    public static final String SOURCE_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public static final String PRODUCT_MESSAGE =
            "must be 1-100 characters: letters, digits and . _ ~ : - (starting with a letter or digit)";
    public static final String VERSION_MESSAGE =
            "must be 1-100 characters: letters, digits and . _ ~ : + - (starting with a letter or digit)";
    public static final String SOURCE_MESSAGE =
            "must be 1-64 characters: letters, digits and . _ - (starting with a letter or digit)";

    private static final Pattern PRODUCT = Pattern.compile(PRODUCT_REGEX);
    private static final Pattern VERSION = Pattern.compile(VERSION_REGEX);
    private static final Pattern SOURCE = Pattern.compile(SOURCE_REGEX);

    private Keys() {
    }

    public static boolean isProduct(String value) {
        return value != null && PRODUCT.matcher(value).matches();
    }

    public static boolean isVersion(String value) {
        return value != null && VERSION.matcher(value).matches();
    }

    public static boolean isSource(String value) {
        return value != null && SOURCE.matcher(value).matches();
    }
}
