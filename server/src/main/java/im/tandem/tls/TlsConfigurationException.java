package im.tandem.tls;

/**
 * The TLS setup cannot be used: a certificate or key file is missing or unreadable, the key
 * does not belong to the certificate, or a configured protocol is not allowed. The message
 * names the file or setting at fault, so that it can be shown to the operator as is.
 */
public class TlsConfigurationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TlsConfigurationException(String message) {
        super(message);
    }

    public TlsConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
