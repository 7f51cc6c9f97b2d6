package dev.torsion.internet.ssl;

/**
 * Ways of agreeing on an application protocol inside the TLS handshake.
 *
 * <p><b>Differences from Twisted.</b> NPN is listed for completeness but never supported: it was
 * a draft, replaced by ALPN (RFC 7301), and Bouncy Castle does not implement it.
 *
 * @twisted twisted.internet.ssl.ProtocolNegotiationSupport
 */
public enum ProtocolNegotiationSupport {
  /** Next Protocol Negotiation (never supported here). */
  NPN,
  /** Application-Layer Protocol Negotiation, RFC 7301. */
  ALPN
}
