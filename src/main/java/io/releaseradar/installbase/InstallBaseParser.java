package io.releaseradar.installbase;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import java.util.regex.Pattern;

/** Reads and validates customer and installation items; an invalid item yields its error text instead. */
final class InstallBaseParser {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*");

    /** Either a value or the reason it was refused. */
    record Parsed<T>(T value, String error) {
    }

    private InstallBaseParser() {
    }

    static Parsed<CustomerIn> customer(JsonNode node) {
        JsonItem item = JsonItem.of(node);
        String id = item.string("id", true, 100);
        String name = item.headerText("name", false, 400);
        String email = item.string("email", true, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            item.fail("email", "must be an e-mail address");
        }
        String locale = item.string("locale", false, 35);
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            item.fail("locale", "must be a language tag such as en or de-CH");
        }
        boolean optedOut = item.bool("optedOut", false);
        return item.valid() ? new Parsed<>(new CustomerIn(id, name, email, locale, optedOut), null)
                : new Parsed<>(null, item.describeErrors());
    }

    static Parsed<InstallationIn> installation(JsonNode node) {
        JsonItem item = JsonItem.of(node);
        String customerId = item.string("customerId", true, 100);
        String product = item.key("product", true, Keys::isProduct, Keys.PRODUCT_MESSAGE);
        String version = item.key("version", true, Keys::isVersion, Keys.VERSION_MESSAGE);
        var installedAt = item.instant("installedAt", true);
        return item.valid() ? new Parsed<>(new InstallationIn(customerId, product, version, installedAt), null)
                : new Parsed<>(null, item.describeErrors());
    }
}
