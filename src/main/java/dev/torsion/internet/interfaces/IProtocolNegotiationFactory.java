package dev.torsion.internet.interfaces;

import java.util.List;

/**
 * A protocol factory that tells the TLS layer which application protocols its protocols speak,
 * so that the TLS wrapper offers them through ALPN. Implement it alongside
 * {@link IProtocolFactory}; {@code TLSMemoryBIOFactory} checks for it with {@code instanceof},
 * and its list replaces the one in the TLS options.
 *
 * @twisted twisted.internet.interfaces.IProtocolNegotiationFactory
 */
public interface IProtocolNegotiationFactory extends IProtocolFactory {
  /**
   * The protocols to offer, most preferred first.
   *
   * @return ALPN protocol names, such as {@code List.of("h2", "http/1.1")}
   * @twisted twisted.internet.interfaces.IProtocolNegotiationFactory.acceptableProtocols
   */
  List<String> acceptableProtocols();
}
