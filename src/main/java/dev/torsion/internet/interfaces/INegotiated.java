package dev.torsion.internet.interfaces;

import org.jspecify.annotations.Nullable;

/**
 * A transport that may have agreed on an application protocol with its peer (TLS ALPN).
 *
 * <p><b>Differences from Twisted.</b> The protocol name is a {@link String} (its bytes decoded
 * as UTF-8) where Twisted gives {@code bytes}; registered ALPN ids are ASCII.
 *
 * @twisted twisted.internet.interfaces.INegotiated
 */
public interface INegotiated {
  /**
   * The application protocol both ends agreed on.
   *
   * @return the ALPN protocol name, such as {@code "h2"}, or null if none was agreed (no
   *     overlap, a side offered none, or the handshake has not finished)
   * @twisted twisted.internet.interfaces.INegotiated.negotiatedProtocol
   */
  @Nullable String negotiatedProtocol();
}
