package io.releaseradar.platform;

import java.util.regex.Pattern;

/**
 * The shape of identifiers that appear in paths and rollup keys. Product keys and versions are free text, as the
 * vendor and the helpdesks spell them ({@code 2024 R2 (build 7)}): 1 to 100 characters, any but control characters
 * (which could break a log line or a mail header). Paths carry them URL-encoded; everything that writes them into
 * a link encodes them, and SQL only ever sees them as bind parameters. Contact sources become metric tags, so they
 * stay short and plain.
 */
public final class Keys {

    /**
     * Regex for product keys, e.g. {@code notes}: no C0 or C1 control character (Unicode category Cc), 1-100
     * characters. Written without {@code \p} classes so the same pattern holds in the OpenAPI document.
     */
    public static final String PRODUCT_REGEX = "[^\\x00-\\x1F\\x7F-\\x9F]{1,100}";
    /** Regex for versions, e.g. {@code 2.4.0-beta.1} or {@code 2024 R2 (build 7)}: the same rule. */
    public static final String VERSION_REGEX = PRODUCT_REGEX;
    /** Regex for contact sources, e.g. {@code zendesk}; they become metric tags, so they stay short. */
    public static final String SOURCE_REGEX = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    public static final String PRODUCT_MESSAGE = "must be 1-100 characters, none of them a control character";
    public static final String VERSION_MESSAGE = PRODUCT_MESSAGE;
    public static final String SOURCE_MESSAGE =
            "must be 1-64 characters: letters, digits and . _ - (starting with a letter or digit)";

    private static final Pattern FREE_TEXT = Pattern.compile(PRODUCT_REGEX);
    private static final Pattern SOURCE = Pattern.compile(SOURCE_REGEX);

    private Keys() {
    }

    public static boolean isProduct(String value) {
        return value != null && FREE_TEXT.matcher(value).matches();
    }

    public static boolean isVersion(String value) {
        return value != null && FREE_TEXT.matcher(value).matches();
    }

    public static boolean isSource(String value) {
        return value != null && SOURCE.matcher(value).matches();
    }

    /** Whether the text holds a control character (CR, LF, TAB, NUL, DEL, C1 …): never in a mail header. */
    public static boolean hasControlCharacter(String value) {
        return value != null && value.chars().anyMatch(Character::isISOControl);
    }
}
