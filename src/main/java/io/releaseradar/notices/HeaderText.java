package io.releaseradar.notices;

import io.releaseradar.platform.JsonItem;

/**
 * Text that ends up in a mail header (a subject): no CR, LF or other control characters (contract), so that nobody
 * can add a header or break the mail by writing one into a subject. Checked when the text arrives, not stripped
 * when the mail is built: the author hears of it and nothing is stored.
 */
public final class HeaderText {

    public static final String MESSAGE = "must not contain line breaks or other control characters";

    private HeaderText() {
    }

    /** Whether {@code text} holds a control character (C0, DEL, C1) or a Unicode line or paragraph separator. */
    public static boolean hasControlCharacters(String text) {
        return text != null && text.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    /** Records an error on {@code field} when {@code text} holds a control character. */
    public static void check(JsonItem item, String field, String text) {
        if (hasControlCharacters(text)) {
            item.fail(field, MESSAGE);
        }
    }
}
