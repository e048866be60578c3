package io.releaseradar.notices.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnsubscribeTokensTest {

    private final UnsubscribeTokens tokens = new UnsubscribeTokens("k".repeat(32));

    @Test
    void aTokenNamesItsCustomerAndNoOther() {
        String token = tokens.tokenFor("cust-42/ä");
        assertThat(tokens.customerOf(token)).contains("cust-42/ä");
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        String other = tokens.tokenFor("cust-43");
        String forged = token.substring(0, token.indexOf('.')) + other.substring(other.indexOf('.'));
        assertThat(tokens.customerOf(forged)).isEmpty();
        assertThat(tokens.customerOf(token + "x")).isEmpty();
        assertThat(tokens.customerOf("no-dot")).isEmpty();
        assertThat(tokens.customerOf("a.b.c")).isEmpty();
        assertThat(tokens.customerOf(null)).isEmpty();
        assertThat(new UnsubscribeTokens("z".repeat(32)).customerOf(token)).as("another key").isEmpty();
    }

    @Test
    void refusesAShortKey() {
        assertThatThrownBy(() -> new UnsubscribeTokens("short")).isInstanceOf(IllegalArgumentException.class);
    }
}
