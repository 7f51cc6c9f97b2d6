package dev.torsion.internet.ssl;

import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.jspecify.annotations.Nullable;

/**
 * The TLS options of one kind of connection: the certificate and key this end presents, whom
 * it trusts, the protocol versions, cipher suites and ALPN protocols. Build it with
 * {@link #builder()}; it is immutable and serves any number of connections, as server options
 * or as client options ({@link ITLSConnectionCreator}).
 *
 * <pre>{@code
 * CertificateOptions server = CertificateOptions.builder()
 *     .privateKey(cert.privateKey()).certificate(cert)
 *     .acceptableProtocols(List.of("h2", "http/1.1"))
 *     .build();
 * }</pre>
 *
 * <p><b>Strict defaults (differences from Twisted 22.4).</b>
 * <ul>
 *   <li>TLS 1.2 is the minimum (Twisted: TLS 1.0); lower it only with
 *       {@link Builder#insecurelyLowerMinimumTo}.
 *   <li>As a client, these options verify the server's chain against the platform's trust
 *       store when no trust root is given (Twisted verifies nothing); only
 *       {@link Builder#insecurelySkipPeerVerification()} turns that off. They do not check the
 *       host name, which they do not know: use {@link SSL#optionsForClientTLS} for that.
 *   <li>Cipher suites: AEAD only (AES-GCM, ChaCha20-Poly1305) with ECDHE key exchange; no CBC,
 *       no RSA key exchange, no finite-field DHE, unless named in
 *       {@link Builder#acceptableCiphers} (a server given {@link Builder#dhParameters} adds
 *       the DHE_RSA AEAD suites). The server's order of suites wins, as in Twisted.
 *   <li>No TLS compression (the engine has none), no renegotiation (refused), no session
 *       tickets, and no session resumption unless {@link Builder#enableSessions} (Twisted's
 *       defaults too), no NPN (the engine has only
 *       ALPN).
 * </ul>
 *
 * <p><b>Differences from Twisted.</b> Keyword arguments become builder methods of the same
 * names. Twisted raises {@code TypeError} or {@code ValueError} for contradictory arguments;
 * {@link Builder#build()} throws {@link IllegalArgumentException}. {@code method},
 * {@code verifyDepth}, {@code verifyOnce}, {@code enableSingleUseKeys},
 * {@code enableSessionTickets} and {@code fixBrokenPeers} have no counterpart: Bouncy
 * Castle always uses fresh (EC)DHE keys, verifies every handshake and has no OpenSSL bug
 * workarounds. Twisted's {@code acceptableCiphers} is an {@link AcceptableCiphers} (or a list of
 * IANA names); its {@code dhParameters} are read when {@link DiffieHellmanParameters} is
 * built, not at the first connection.
 *
 * @twisted twisted.internet.ssl.CertificateOptions
 */
public final class CertificateOptions implements ITLSConnectionCreator {
  final @Nullable KeyPair privateKey;
  final @Nullable Certificate certificate;
  final List<Certificate> extraCertChain;
  final boolean verify;
  final @Nullable TrustRoot trustRoot;
  final boolean requireCertificate;
  final boolean skipPeerVerification;
  final List<String> acceptableProtocols;
  final TLSVersion minimum;
  final TLSVersion maximum;
  final @Nullable AcceptableCiphers acceptableCiphers;
  final @Nullable DiffieHellmanParameters dhParameters;
  final @Nullable SessionCache sessions;

  private CertificateOptions(Builder b, TLSVersion minimum, @Nullable TrustRoot trustRoot) {
    this.privateKey = b.privateKey;
    this.certificate = b.certificate;
    this.extraCertChain = List.copyOf(b.extraCertChain);
    this.verify = b.verify;
    this.trustRoot = trustRoot;
    this.requireCertificate = b.requireCertificate;
    this.skipPeerVerification = b.skipPeerVerification;
    this.acceptableProtocols = List.copyOf(b.acceptableProtocols);
    this.minimum = minimum;
    this.maximum = b.lowerMaximumSecurityTo == null ? TLSVersion.TLSv1_3
        : b.lowerMaximumSecurityTo;
    this.acceptableCiphers = b.acceptableCiphers;
    this.dhParameters = b.dhParameters;
    this.sessions = b.enableSessions ? new SessionCache(System::nanoTime) : null;
  }

  /**
   * A builder with the strict defaults.
   *
   * @return a new builder
   * @twisted twisted.internet.ssl.CertificateOptions.__init__
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The lowest protocol version these options negotiate.
   *
   * @return the minimum, {@link TLSVersion#TLSv1_2} by default
   */
  public TLSVersion minimumVersion() {
    return minimum;
  }

  /**
   * The highest protocol version these options negotiate.
   *
   * @return the maximum, {@link TLSVersion#TLSv1_3} by default
   */
  public TLSVersion maximumVersion() {
    return maximum;
  }

  /**
   * The IANA names of the cipher suites these options allow, in preference order, among those
   * the engine and the JDK support, for the configured versions.
   *
   * @return the names, such as {@code "TLS_AES_128_GCM_SHA256"}
   */
  public List<String> cipherSuiteNames() {
    return CipherSuites.names(CipherSuites.select(this, null));
  }

  /**
   * Whether a server with these options lets clients resume TLS 1.2 sessions.
   *
   * @return true if {@link Builder#enableSessions} turned it on; false by default
   * @twisted twisted.internet.ssl.CertificateOptions.enableSessions
   */
  public boolean enableSessions() {
    return sessions != null;
  }

  /**
   * The ALPN protocols offered (client) or accepted (server), most preferred first.
   *
   * @return the names; empty when none
   */
  public List<String> acceptableProtocols() {
    return acceptableProtocols;
  }

  ProtocolVersion[] versions() {
    return TLSVersion.range(minimum, maximum);
  }

  /** The trust root a client checks servers against; null when verification is skipped. */
  @Nullable TrustRoot clientTrust() {
    if (skipPeerVerification) {
      return null;
    }
    return trustRoot != null ? trustRoot : SSL.platformTrust();
  }

  @Override
  public TlsClient clientConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols) {
    return new ClientPeer(this, null, clientTrust(),
        acceptableProtocols != null ? acceptableProtocols : this.acceptableProtocols);
  }

  /**
   * {@inheritDoc}
   *
   * @throws UnsupportedOperationException if these options have no certificate and key
   */
  @Override
  public TlsServer serverConnectionForTLS(ISSLTransport tlsProtocol,
      @Nullable List<String> acceptableProtocols) {
    if (privateKey == null || certificate == null) {
      throw new UnsupportedOperationException("server options need a certificate and its key");
    }
    return new ServerPeer(this,
        acceptableProtocols != null ? acceptableProtocols : this.acceptableProtocols);
  }

  @Override
  public String toString() {
    return "<CertificateOptions " + minimum + ".." + maximum
        + (certificate == null ? "" : " certificate=" + certificate)
        + (skipPeerVerification ? " INSECURE" : "") + ">";
  }

  /**
   * Collects the options; {@link #build()} checks them together.
   *
   * @twisted twisted.internet.ssl.CertificateOptions.__init__
   */
  public static final class Builder {
    private @Nullable KeyPair privateKey;
    private @Nullable Certificate certificate;
    private List<Certificate> extraCertChain = List.of();
    private boolean verify;
    private @Nullable List<Certificate> caCerts;
    private @Nullable TrustRoot trustRoot;
    private boolean requireCertificate = true;
    private boolean skipPeerVerification;
    private List<String> acceptableProtocols = List.of();
    private @Nullable TLSVersion raiseMinimumTo;
    private @Nullable TLSVersion insecurelyLowerMinimumTo;
    private @Nullable TLSVersion lowerMaximumSecurityTo;
    private @Nullable AcceptableCiphers acceptableCiphers;
    private @Nullable DiffieHellmanParameters dhParameters;
    private boolean enableSessions;

    private Builder() {}

    /**
     * The private key of {@link #certificate}.
     *
     * @param key the key pair
     * @return this builder
     */
    public Builder privateKey(KeyPair key) {
      this.privateKey = Objects.requireNonNull(key);
      return this;
    }

    /**
     * The certificate this end presents.
     *
     * @param certificate the certificate of {@link #privateKey}
     * @return this builder
     */
    public Builder certificate(Certificate certificate) {
      this.certificate = Objects.requireNonNull(certificate);
      return this;
    }

    /**
     * Intermediate certificates sent after {@link #certificate}, leaf-most first.
     *
     * @param chain the intermediates
     * @return this builder
     */
    public Builder extraCertChain(List<Certificate> chain) {
      this.extraCertChain = List.copyOf(chain);
      return this;
    }

    /**
     * As a server: ask clients for certificates and verify them against {@link #caCerts}.
     *
     * @param verify whether to verify
     * @return this builder
     */
    public Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    /**
     * The authorities {@link #verify} checks peers against (the legacy form of
     * {@link #trustRoot}).
     *
     * @param caCerts the trusted certificates
     * @return this builder
     */
    public Builder caCerts(List<Certificate> caCerts) {
      this.caCerts = List.copyOf(caCerts);
      return this;
    }

    /**
     * The authorities peers are checked against; as a server this also asks clients for
     * certificates.
     *
     * @param trustRoot the trust root
     * @return this builder
     */
    public Builder trustRoot(TrustRoot trustRoot) {
      this.trustRoot = Objects.requireNonNull(trustRoot);
      return this;
    }

    /**
     * As a verifying server: whether a client without a certificate is refused (the default)
     * or let in unauthenticated.
     *
     * @param require true to refuse
     * @return this builder
     */
    public Builder requireCertificate(boolean require) {
      this.requireCertificate = require;
      return this;
    }

    /**
     * As a client: accept ANY server certificate, including an attacker's. For tests against
     * throw-away certificates only; a man in the middle can read and change everything.
     *
     * @return this builder
     */
    public Builder insecurelySkipPeerVerification() {
      this.skipPeerVerification = true;
      return this;
    }

    /**
     * The ALPN protocols to offer (client) or accept (server), most preferred first.
     *
     * @param protocols names such as {@code "h2"}
     * @return this builder
     */
    public Builder acceptableProtocols(List<String> protocols) {
      this.acceptableProtocols = List.copyOf(protocols);
      return this;
    }

    /**
     * Raise the minimum version; a version below the default minimum is ignored.
     *
     * @param version the new minimum
     * @return this builder
     */
    public Builder raiseMinimumTo(TLSVersion version) {
      this.raiseMinimumTo = Objects.requireNonNull(version);
      return this;
    }

    /**
     * Set the minimum version, even below the safe default. TLS 1.0 and 1.1 are deprecated
     * (RFC 8996); this exists for old peers only.
     *
     * @param version the new minimum
     * @return this builder
     */
    public Builder insecurelyLowerMinimumTo(TLSVersion version) {
      this.insecurelyLowerMinimumTo = Objects.requireNonNull(version);
      return this;
    }

    /**
     * Lower the maximum version (TLS 1.3 by default).
     *
     * @param version the new maximum
     * @return this builder
     */
    public Builder lowerMaximumSecurityTo(TLSVersion version) {
      this.lowerMaximumSecurityTo = Objects.requireNonNull(version);
      return this;
    }

    /**
     * The cipher suites to allow, by IANA name, in preference order; suites the engine or the
     * JDK lacks are left out. Naming CBC or RSA-key-exchange suites here (or through
     * {@link #acceptableCiphers(AcceptableCiphers)}) is the only way to get them.
     *
     * @param names names such as {@code "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}
     * @return this builder
     * @throws IllegalArgumentException for a name Bouncy Castle does not know
     * @twisted twisted.internet.ssl.CertificateOptions.__init__
     */
    public Builder acceptableCiphers(List<String> names) {
      CipherSuites.byName(names);
      List<Cipher> ciphers = new java.util.ArrayList<>();
      names.forEach(n -> ciphers.add(Cipher.of(n)));
      this.acceptableCiphers = AcceptableCiphers.of(ciphers);
      return this;
    }

    /**
     * The cipher suites to allow, as an {@link AcceptableCiphers} (for instance from an OpenSSL
     * cipher string); those the engine or the JDK lacks are left out, and {@link #build()}
     * refuses a choice that leaves none for the configured versions.
     *
     * @param ciphers the acceptable ciphers, most preferred first
     * @return this builder
     * @twisted twisted.internet.ssl.CertificateOptions.__init__
     */
    public Builder acceptableCiphers(AcceptableCiphers ciphers) {
      this.acceptableCiphers = Objects.requireNonNull(ciphers);
      return this;
    }

    /**
     * As a server: the finite-field group for DHE key exchange (TLS 1.2 and older). Giving it
     * adds the DHE_RSA AEAD suites to the default suites, after the ECDHE ones; without it a
     * server offers DHE only if {@link #acceptableCiphers} names such suites, and then uses a
     * group from RFC 7919.
     *
     * @param parameters the parameters
     * @return this builder
     * @twisted twisted.internet.ssl.CertificateOptions.__init__
     */
    public Builder dhParameters(DiffieHellmanParameters parameters) {
      this.dhParameters = Objects.requireNonNull(parameters);
      return this;
    }

    /**
     * As a server: give each TLS 1.2 session an ID and let a client that offers it again
     * resume it (an abbreviated handshake, no new key exchange) for up to 300 seconds. Off by
     * default, as in Twisted. TLS 1.3 connections never resume.
     *
     * @param enable true to cache sessions
     * @return this builder
     * @twisted twisted.internet.ssl.CertificateOptions.__init__
     */
    public Builder enableSessions(boolean enable) {
      this.enableSessions = enable;
      return this;
    }

    /**
     * Checks the options together and builds them.
     *
     * @return the options
     * @throws IllegalArgumentException for contradictory options: a key without a certificate
     *     or the reverse, a chain without them, {@code verify} without {@code caCerts}, a
     *     trust root with {@code verify}/{@code caCerts}, both minimum settings, a minimum
     *     above the maximum, SSLv3, or acceptable ciphers of which none is usable
     */
    public CertificateOptions build() {
      if ((privateKey == null) != (certificate == null)) {
        throw new IllegalArgumentException(
            "Specify neither or both of privateKey and certificate");
      }
      if (!extraCertChain.isEmpty() && privateKey == null) {
        throw new IllegalArgumentException(
            "A private key and a certificate are required when adding a supplemental chain.");
      }
      if (verify && caCerts == null) {
        throw new IllegalArgumentException("Specify client CA certificate information if and"
            + " only if enabling certificate verification");
      }
      if (trustRoot != null && (verify || caCerts != null)) {
        throw new IllegalArgumentException("trustRoot cannot be combined with verify or caCerts");
      }
      TrustRoot trust = trustRoot;
      if (verify && caCerts != null) {
        trust = SSL.trustRootFromCertificates(caCerts);
      }
      CertificateOptions options = new CertificateOptions(this, minimum(), trust);
      if (acceptableCiphers != null && CipherSuites.select(options, null).length == 0) {
        throw new IllegalArgumentException(
            "Supplied acceptable ciphers yielded no usable ciphers on this platform.");
      }
      return options;
    }

    private TLSVersion minimum() {
      if (raiseMinimumTo != null && insecurelyLowerMinimumTo != null) {
        throw new IllegalArgumentException(
            "raiseMinimumTo and insecurelyLowerMinimumTo cannot both be given");
      }
      TLSVersion max = lowerMaximumSecurityTo;
      TLSVersion min = insecurelyLowerMinimumTo;
      if (raiseMinimumTo != null) {
        if (max != null && raiseMinimumTo.compareTo(max) > 0) {
          throw new IllegalArgumentException(
              "raiseMinimumTo needs to be lower than lowerMaximumSecurityTo");
        }
        if (raiseMinimumTo.compareTo(SSL.DEFAULT_MINIMUM) > 0) {
          min = raiseMinimumTo;
        }
      }
      if (min == null) {
        min = SSL.DEFAULT_MINIMUM;
        if (max != null && min.compareTo(max) > 0) {
          min = max;
        }
      }
      if (max != null && min.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "insecurelyLowerMinimumTo needs to be lower than lowerMaximumSecurityTo");
      }
      if (min == TLSVersion.SSLv3 || max == TLSVersion.SSLv3) {
        throw new IllegalArgumentException("SSLv3 is not supported");
      }
      return min;
    }
  }
}
