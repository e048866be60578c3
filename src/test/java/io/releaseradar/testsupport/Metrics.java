package io.releaseradar.testsupport;

import io.restassured.RestAssured;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counters from the Prometheus endpoint. */
public final class Metrics {

    private static final Pattern LINE = Pattern.compile("^radar_contacts_total\\{([^}]*)} ([0-9.E]+)$",
            Pattern.MULTILINE);

    private Metrics() {
    }

    /** The value of {@code radar_contacts_total} for these tags; 0 when the series does not exist yet. */
    public static double contacts(String outcome, String source, String channel) {
        String metrics = RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = LINE.matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("outcome=\"" + outcome + "\"") && tags.contains("source=\"" + source + "\"")
                    && tags.contains("channel=\"" + channel + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }

    /** The sum of {@code radar_contacts_total} over all sources for outcome and channel, on the instance at base. */
    public static double contactsOn(URI base, String outcome, String channel) {
        String metrics = RestAssured.given().baseUri("http://" + base.getHost()).port(base.getPort()).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher m = LINE.matcher(metrics);
        double sum = 0;
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("outcome=\"" + outcome + "\"") && tags.contains("channel=\"" + channel + "\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
