package io.releaseradar.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonPointersTest {

    @Test
    void rfc6901PointersAreAcceptedAndTheirEscapesRead() throws Exception {
        JsonNode doc = new ObjectMapper().readTree("""
                {"a/b": {"m~n": "escaped"}, "list": [{"name": "first"}, {"name": "second"}], "n": null}""");
        assertThat(JsonPointers.problem("/a~1b/m~0n")).isEmpty();
        assertThat(JsonPointers.find(doc, "/a~1b/m~0n")).map(JsonNode::asText).contains("escaped");
        assertThat(JsonPointers.find(doc, "/list/1/name")).map(JsonNode::asText).contains("second");
        assertThat(JsonPointers.find(doc, "/list/2/name")).isEmpty();
        assertThat(JsonPointers.find(doc, "/n")).as("JSON null is nothing").isEmpty();
        assertThat(JsonPointers.find(doc, "/missing")).isEmpty();
    }

    @Test
    void malformedPointersAreNamed() {
        assertThat(JsonPointers.problem("ticket/id")).get().asString().contains("must start with /");
        assertThat(JsonPointers.problem("")).get().asString().contains("whole payload");
        assertThat(JsonPointers.problem("/a~2b")).get().asString().contains("~0");
        assertThat(JsonPointers.problem("/ends~")).get().asString().contains("~0");
    }
}
