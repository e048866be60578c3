package io.releaseradar.notices;

import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.releaseradar.testsupport.GreenMailResource;
import io.releaseradar.testsupport.ServiceProcess;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service on one database, both running the delivery worker, send one approved notice:
 * every recipient gets it exactly once, and each instance sent part of it (told apart by the mails' From).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = TwoInstancesResource.class, restrictToAnnotatedClass = true)
class NoticeTwoInstancesIT {

    /** At {@value TwoInstancesResource#PER_SECOND} mails/s, one instance alone would need 8 s for them all. */
    static final int RECIPIENTS = 80;
    /** The least each instance must have sent for the run to show that both took part. */
    static final int AT_LEAST_EACH = RECIPIENTS / 8;

    @Test
    void bothInstancesSendTheNoticeAndEachCustomerGetsItOnce() {
        String product = uniqueProduct();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = IntStream.range(0, RECIPIENTS).mapToObj(i -> product + "-c" + i).toList();
        as(first(), "release-manager").body(Map.of("releasedAt", now.minus(Duration.ofDays(10)).toString()))
                .put("/api/v1/products/{p}/releases/2.0", product).then().statusCode(201);
        as(first(), "ingest").body(ids.stream().map(id -> Map.of("id", id, "name", "Customer " + id,
                "email", InstallBase.email(id), "optedOut", false)).toList())
                .post("/api/v1/customers/batch").then().statusCode(200).body("upserted",
                        org.hamcrest.Matchers.equalTo(RECIPIENTS));
        as(first(), "ingest").body(ids.stream().map(id -> Map.of("customerId", id, "product", product,
                "version", "2.0", "installedAt", now.minus(Duration.ofDays(5)).toString())).toList())
                .post("/api/v1/installations/batch").then().statusCode(200).body("accepted",
                        org.hamcrest.Matchers.equalTo(RECIPIENTS));

        String notice = as(first(), "release-manager").body(Map.of("product", product, "version", "2.0",
                        "audience", "INSTALLED", "subject", "{product} {version} can lose notes",
                        "body", "Dear {name}, please turn sync off."))
                .post("/api/v1/notices").then().statusCode(201).body("audienceSize",
                        org.hamcrest.Matchers.equalTo(RECIPIENTS)).extract().path("id");
        // Approved on one instance; both instances' workers see the deliveries in the shared database.
        as(first(), "release-manager").post("/api/v1/notices/{id}/approve", notice).then().statusCode(200);

        await("the notice SENT, as the second instance sees it").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> "SENT".equals(noticeOn(second(), notice).getString("status")));

        List<MimeMessage> mails = GreenMailResource.all().stream()
                .filter(m -> recipients(m).stream().anyMatch(r -> r.startsWith(product + "-"))).toList();
        List<String> received = mails.stream().flatMap(m -> recipients(m).stream()).sorted().toList();
        assertThat(received).as("each customer exactly once, every customer")
                .containsExactlyElementsOf(ids.stream().map(InstallBase::email).sorted().toList());
        assertThat(mails.stream().map(NoticeTwoInstancesIT::messageId).distinct()).hasSize(RECIPIENTS);

        Map<String, Long> bySender = mails.stream().collect(Collectors.groupingBy(NoticeTwoInstancesIT::from,
                Collectors.counting()));
        System.out.printf("NoticeTwoInstancesIT: %d mails, per instance %s%n", mails.size(), bySender);
        assertThat(bySender.keySet()).containsExactlyInAnyOrder(TwoInstancesResource.FROM_A,
                TwoInstancesResource.FROM_B);
        assertThat(bySender.values()).as("mails per instance: %s", bySender)
                .allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(AT_LEAST_EACH));

        for (RequestSpecification instance : List.of(first(), second())) {
            JsonPath n = noticeOn(instance, notice);
            assertThat(n.getInt("deliveries.sent")).isEqualTo(RECIPIENTS);
            assertThat(n.getInt("deliveries.pending") + n.getInt("deliveries.failed")).isZero();
            assertThat(n.getList("audit.action")).containsExactly("CREATED", "APPROVED", "SENT");
        }
    }

    private static RequestSpecification first() {
        return RestAssured.given(); // the instance @QuarkusIntegrationTest started
    }

    private static RequestSpecification second() {
        return RestAssured.given().baseUri(TwoInstancesResource.secondInstance().toString()).port(
                TwoInstancesResource.secondInstance().getPort());
    }

    private static JsonPath noticeOn(RequestSpecification instance, String id) {
        return as(instance, "release-manager").get("/api/v1/notices/{id}", id).then().statusCode(200).extract()
                .jsonPath();
    }

    /** A JSON request with a token for the roles, signed with the key the instances trust. */
    private static RequestSpecification as(RequestSpecification instance, String... roles) {
        return instance.contentType(ContentType.JSON).header("Authorization", "Bearer "
                + ServiceProcess.token(roles));
    }

    private static List<String> recipients(MimeMessage m) {
        return addresses(m, msg -> msg.getAllRecipients());
    }

    private static String from(MimeMessage m) {
        return addresses(m, msg -> msg.getFrom()).get(0);
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getHeader("Message-ID")[0];
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Addresses {
        jakarta.mail.Address[] of(MimeMessage m) throws MessagingException;
    }

    private static List<String> addresses(MimeMessage m, Addresses which) {
        try {
            jakarta.mail.Address[] a = which.of(m);
            return a == null ? List.of() : new ArrayList<>(Arrays.stream(a).map(Object::toString).toList());
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
