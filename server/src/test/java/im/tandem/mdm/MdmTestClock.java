package im.tandem.mdm;

import im.tandem.support.OffsetClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The server's clock in the MDM tests: real time that the tests can move forward. */
@TestConfiguration(proxyBeanMethods = false)
class MdmTestClock {

    @Bean
    @Primary
    OffsetClock testClock() {
        return new OffsetClock();
    }
}
