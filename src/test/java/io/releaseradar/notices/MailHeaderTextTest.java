package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text that ends up in a mail header (a customer's name, a notice's subject, a policy's subject template) with a
 * CR, LF or other control character is refused: a batch lists the item's index, a single request is a 400 naming
 * the field, and nothing is stored.
 */
@QuarkusTest
class MailHeaderTextTest {

    /** CR/LF would start a header of the sender's choosing; the others are control characters as well. */
    static final List<String> CONTROLLED = List.of("Eve\r\nBcc: all@example.com", "Eve\nBcc: x", "Eve\rX", "Eve\tX",
            "Eve\u0000", "Eve\u007F", "Eve\u0085", "Eve\u001B[2J");

    @Inject
    AgroalDataSource ds;

    @Test
    void aCustomerNameWithAControlCharacterIsRejectedByIndexAndNotStored() {
        String prefix = "hdr-" + uniqueProduct();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(Map.of("id", prefix + "-ok", "name", "Zoë O'Neil (Ops)", "email", "zoe@example.com"));
        for (int i = 0; i < CONTROLLED.size(); i++) {
            batch.add(Map.of("id", prefix + "-" + i, "name", CONTROLLED.get(i), "email", "eve@example.com"));
        }
        as(Roles.INGEST).body(batch).post("/api/v1/customers/batch").then().statusCode(200)
                .body("upserted", equalTo(1))
                .body("rejected.index", equalTo(java.util.stream.IntStream.rangeClosed(1, CONTROLLED.size())
                        .boxed().toList()))
                .body("rejected.error", everyItem(containsString("name must not contain control characters")));
        assertThat(Db.rows(ds, "SELECT id, name FROM customer WHERE id LIKE ?", prefix + "%"))
                .containsExactly(List.of(prefix + "-ok", "Zoë O'Neil (Ops)"));

        // an update cannot slip one in either: the stored name stays
        as(Roles.INGEST).body(List.of(Map.of("id", prefix + "-ok", "name", "Zoë\r\nBcc: x", "email",
                "zoe@example.com"))).post("/api/v1/customers/batch").then().statusCode(200)
                .body("upserted", equalTo(0)).body("rejected[0].index", equalTo(0));
        assertThat(Db.rows(ds, "SELECT name FROM customer WHERE id = ?", prefix + "-ok"))
                .containsExactly(List.of("Zoë O'Neil (Ops)"));
    }

    @Test
    void aNoticeSubjectWithAControlCharacterIsA400AndNoNoticeIsStored() {
        String product = uniqueProduct();
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/1.0", product).then().statusCode(201);
        for (String subject : CONTROLLED) {
            as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "version", "1.0", "audience", "ALL",
                            "subject", subject, "body", "Dear {name},\nplease wait.\tThanks"))
                    .post("/api/v1/notices").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", equalTo(List.of("subject")))
                    .body("errors[0].message", containsString("control characters"));
        }
        assertThat(Db.count(ds, "SELECT count(*) FROM notice WHERE product = ?", product)).isZero();
        // the body is not a header: line breaks and tabs there are fine
        as(Roles.RELEASE_MANAGER).body(Map.of("product", product, "version", "1.0", "audience", "ALL",
                        "subject", "Please wait with {product} {version}", "body", "Dear {name},\nplease wait.\tThanks"))
                .post("/api/v1/notices").then().statusCode(201);
    }

    @Test
    void aPolicySubjectTemplateWithAControlCharacterIsA400AndNoPolicyIsStored() {
        String product = uniqueProduct();
        as(Roles.RELEASE_MANAGER).body(Map.of("releasedAt", "2026-03-01T09:00:00Z"))
                .put("/api/v1/products/{p}/releases/1.0", product).then().statusCode(201);
        for (String subject : CONTROLLED) {
            as(Roles.RELEASE_MANAGER).body(Map.of("autoSend", true, "minSeverity", "HIGH", "audience", "ALL",
                            "subject", subject + " {version}", "body", "Dear {name}"))
                    .put("/api/v1/products/{p}/notice-policy", product).then().statusCode(400)
                    .contentType(Problem.MEDIA_TYPE).body("errors.field", equalTo(List.of("subject")));
        }
        as(Roles.RELEASE_MANAGER).get("/api/v1/products/{p}/notice-policy", product).then().statusCode(404);
        assertThat(Db.count(ds, "SELECT count(*) FROM notice_policy WHERE product = ?", product)).isZero();
    }
}
