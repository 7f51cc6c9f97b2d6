package dev.torsion.internet.ssl;

import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.ProtocolName;
import org.jspecify.annotations.Nullable;

/** What the client and server configurations share. */
final class PeerSupport {
  private PeerSupport() {}

  static @Nullable Vector<ProtocolName> protocolNames(List<String> alpn) {
    if (alpn.isEmpty()) {
      return null;
    }
    Vector<ProtocolName> v = new Vector<>(alpn.size());
    for (String p : alpn) {
      v.add(ProtocolName.asUtf8Encoding(p));
    }
    return v;
  }
}
