package org.imdbetl.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final AtomicLong now = new AtomicLong();
    private final FailedLogins logins = new FailedLogins(now::get);

    @Test
    void holdsOffAnAddressPastTheAllowedFailuresUntilItsWindowEnds() {
        for (int i = 1; i <= FailedLogins.ALLOWED; i++) {
            assertThat(logins.blockedSeconds("10.0.0.1")).isZero();
            assertThat(logins.failed("10.0.0.1")).isEqualTo(i);
        }
        assertThat(logins.blockedSeconds("10.0.0.1")).isEqualTo(FailedLogins.WINDOW.toSeconds());
        assertThat(logins.blockedSeconds("10.0.0.2")).as("another address").isZero();
        now.addAndGet(FailedLogins.WINDOW.toNanos() - 1_500_000_000L);
        assertThat(logins.blockedSeconds("10.0.0.1")).isEqualTo(2);
        now.addAndGet(1_500_000_000L);
        assertThat(logins.blockedSeconds("10.0.0.1")).as("a new window").isZero();
        assertThat(logins.failed("10.0.0.1")).isEqualTo(1);
    }
}
