package io.releaseradar.dashboard;

import io.quarkus.qute.TemplateExtension;
import java.nio.charset.StandardCharsets;

/**
 * {@code {value.urlEncoded}} in the dashboard's templates: product keys and versions are free text
 * ({@code 2024 R2 (build 7)}, even {@code a/b} or {@code a?b}), so a link carries them percent-encoded, as one path
 * segment or one query value. HTML escaping alone would leave a space, {@code /}, {@code ?} or {@code #} to break
 * the link.
 */
@TemplateExtension
final class UrlEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    /** The text with every byte of its UTF-8 form but RFC 3986's unreserved characters as {@code %XX}. */
    static String urlEncoded(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
