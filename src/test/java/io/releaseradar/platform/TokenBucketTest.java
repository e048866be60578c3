package io.releaseradar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFullBucketGivesItsBurstThenOneTokenPerRefillInterval() {
        TokenBucket bucket = new TokenBucket(2, 3, 0); // 2 per second: one token every 0.5 s
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).as("empty: wait half a second").isEqualTo(SECOND / 2);
        assertThat(bucket.tryTake(SECOND / 4)).as("a quarter second later: another quarter").isEqualTo(SECOND / 4);
        assertThat(bucket.tryTake(SECOND / 2)).isZero();
        assertThat(bucket.tryTake(SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void refillStopsAtTheBurstSize() {
        TokenBucket bucket = new TokenBucket(10, 2, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);
        assertThat(bucket.isFull(100 * SECOND)).isTrue();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).isZero();
        assertThat(bucket.tryTake(100 * SECOND)).as("not 1,000 tokens saved up").isPositive();
    }

    @Test
    void aBatchTakesATokenPerItemOnlyWhenTheBucketCoversItWhole() {
        TokenBucket bucket = new TokenBucket(1, 5, 0);
        assertThat(bucket.tryTake(0, 3)).isZero();
        assertThat(bucket.tryTake(0, 3)).as("2 left: a third is a second away, nothing taken").isEqualTo(SECOND);
        assertThat(bucket.tryTake(0, 2)).isZero();
        assertThat(bucket.waitFor(0, 1)).isEqualTo(SECOND);
    }

    @Test
    void aBatchLargerThanTheBurstNeedsAFullBucketAndLeavesItInDebt() {
        TokenBucket bucket = new TokenBucket(1, 5, 0);
        bucket.tryTake(0);
        assertThat(bucket.tryTake(0, 8)).as("4 of 5: one second to a full bucket").isEqualTo(SECOND);
        assertThat(bucket.tryTake(SECOND, 8)).isZero();
        // -3 now: the next item is 4 seconds away, so 8 items took 8 seconds of allowance
        assertThat(bucket.tryTake(SECOND)).isEqualTo(4 * SECOND);
        assertThat(bucket.tryTake(5 * SECOND)).isZero();
    }
}
