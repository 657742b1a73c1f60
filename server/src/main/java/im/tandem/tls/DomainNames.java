package im.tandem.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** The DNS names a certificate is issued for, and whether they cover an XMPP domain. */
final class DomainNames {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private DomainNames() {
    }

    /** Whether the certificate's subjectAltName lists exactly this domain (or IP address). */
    static boolean names(X509Certificate certificate, String domain) {
        String wanted = normalize(domain);
        for (String name : names(certificate)) {
            if (name.equals(wanted) || isIpLiteral(wanted) && isIpLiteral(name) && sameAddress(name, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a name of the certificate's subjectAltName is the domain or a wildcard matching it. */
    static boolean covers(X509Certificate certificate, String domain) {
        if (names(certificate, domain)) {
            return true;
        }
        String wanted = normalize(domain);
        for (String name : names(certificate)) {
            // RFC 6125: "*" stands for exactly one left-most label
            if (name.startsWith("*.") && wanted.indexOf('.') > 0
                    && wanted.substring(wanted.indexOf('.') + 1).equals(name.substring(2))) {
                return true;
            }
        }
        return false;
    }

    /** The dNSName and iPAddress entries of the certificate's subjectAltName, lower-cased. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    int type = (Integer) entry.get(0);
                    if ((type == DNS_NAME || type == IP_ADDRESS) && entry.get(1) instanceof String value) {
                        names.add(normalize(value));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unparsable subjectAltName covers nothing
        }
        return names;
    }

    /** Lower case, without a trailing root dot. */
    static String normalize(String domain) {
        String lower = domain.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // both are literals here, so this parses and never resolves
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether the domain is an IPv4 or IPv6 literal rather than a DNS name. */
    static boolean isIpLiteral(String domain) {
        return domain.indexOf(':') >= 0 && domain.matches("[0-9a-fA-F:.]+") || domain.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
