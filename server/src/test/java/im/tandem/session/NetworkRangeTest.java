package im.tandem.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkRangeTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.200.1.2, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.4.0/22, 192.168.7.255, true",
            "192.168.4.0/22, 192.168.8.0, false",
            "203.0.113.7, 203.0.113.7, true",
            "203.0.113.7/32, 203.0.113.8, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "2001:db8::/32, 2001:db8:1::5, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::/32, 10.0.0.1, false",
            "10.0.0.0/8, ::ffff:0a00:0001, true",
    })
    void membership(String range, String address, boolean inside) throws Exception {
        assertThat(NetworkRange.parse(range).contains(InetAddress.getByName(address))).isEqualTo(inside);
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org/24", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/x", "", "10.0.0.0/-1"})
    void onlyLiteralNetworksWithSanePrefixes(String bad) {
        assertThatThrownBy(() -> NetworkRange.parse(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
