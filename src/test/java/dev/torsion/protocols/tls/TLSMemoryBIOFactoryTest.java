package dev.torsion.protocols.tls;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.interfaces.IAddress;
import dev.torsion.internet.interfaces.IProtocol;
import dev.torsion.internet.interfaces.IProtocolFactory;
import dev.torsion.internet.interfaces.IProtocolNegotiationFactory;
import dev.torsion.internet.protocol.Factory;
import dev.torsion.internet.protocol.ServerFactory;
import dev.torsion.internet.ssl.CertificateOptions;
import dev.torsion.internet.ssl.SSL;
import dev.torsion.internet.task.Clock;
import dev.torsion.internet.testing.AccumulatingProtocol;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class TLSMemoryBIOFactoryTest {
  /** twisted.protocols.test.test_tls.TLSMemoryBIOFactoryTests.test_quiet */
  @Test
  public void quiet() {
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        new ServerFactory());
    assertFalse(f.noisy());
    assertFalse(f.isClient());
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOFactoryTests.test_logPrefix */
  @Test
  public void logPrefix() {
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        new ServerFactory());
    assertEquals(f.logPrefix(), "ServerFactory (TLS)");
  }

  /** A factory that is not an ILoggingContext. */
  static final class NoFactory implements IProtocolFactory {
    @Override
    public @Nullable IProtocol buildProtocol(IAddress addr) {
      return null;
    }

    @Override
    public void doStart() {}

    @Override
    public void doStop() {}
  }

  /** twisted.protocols.test.test_tls.TLSMemoryBIOFactoryTests.test_logPrefixFallback */
  @Test
  public void logPrefixFallback() {
    TLSMemoryBIOFactory f = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false,
        new NoFactory());
    assertEquals(f.logPrefix(), "NoFactory (TLS)");
  }

  /** A factory offering ALPN protocols of its own. */
  static final class Negotiating extends Factory implements IProtocolNegotiationFactory {
    final List<String> protocols;
    final AccumulatingProtocol app = new AccumulatingProtocol();

    Negotiating(List<String> protocols) {
      this.protocols = protocols;
    }

    @Override
    public List<String> acceptableProtocols() {
      return protocols;
    }

    @Override
    public AccumulatingProtocol buildProtocol(IAddress addr) {
      return app;
    }
  }

  private static TlsFixtures.Pair alpn(List<String> client, List<String> server) {
    Clock clock = new Clock();
    var copts = SSL.optionsForClientTLS("example.com", TlsFixtures.TRUST, null, client, null);
    CertificateOptions sopts = CertificateOptions.builder()
        .privateKey(TlsFixtures.SERVER.privateKey()).certificate(TlsFixtures.SERVER)
        .acceptableProtocols(server).build();
    TlsFixtures.Pair p = TlsFixtures.connect(copts, new AccumulatingProtocol(), sopts,
        new AccumulatingProtocol(), clock);
    p.pump().flush();
    assertTrue(p.client().handshakeDone());
    return p;
  }

  /** twisted.test.test_sslverify.NPNOrALPNTests.test_NPNAndALPNSuccess */
  @Test
  public void alpnSuccess() {
    TlsFixtures.Pair p = alpn(List.of("h2", "http/1.1"), List.of("h2", "http/1.1"));
    assertEquals(p.client().negotiatedProtocol(), "h2");
    assertEquals(p.server().negotiatedProtocol(), "h2");
  }

  /** twisted.test.test_sslverify.NPNOrALPNTests.test_NPNAndALPNDifferent */
  @Test
  public void alpnDifferentListsAgreeOnTheOverlap() {
    TlsFixtures.Pair p = alpn(List.of("spdy/2", "http/1.1"), List.of("h2", "http/1.1"));
    assertEquals(p.client().negotiatedProtocol(), "http/1.1");
    assertEquals(p.server().negotiatedProtocol(), "http/1.1");
  }

  /** twisted.test.test_sslverify.NPNOrALPNTests.test_NPNAndALPNNoAdvertise */
  @Test
  public void alpnServerAdvertisesNothing() {
    TlsFixtures.Pair p = alpn(List.of("h2", "http/1.1"), List.of());
    assertNull(p.client().negotiatedProtocol());
    assertNull(p.server().negotiatedProtocol());
  }

  /** twisted.test.test_sslverify.NPNOrALPNTests.test_NPNAndALPNNoOverlap */
  @Test
  public void alpnNoOverlapAgreesOnNothing() {
    TlsFixtures.Pair p = alpn(List.of("h2"), List.of("http/1.1"));
    assertNull(p.client().negotiatedProtocol());
    assertNull(p.server().negotiatedProtocol());
  }

  /** twisted.test.test_sslverify.NPNAndALPNAbsentTests.test_NegotiatedProtocolReturnsNone */
  @Test
  public void noAlpnOfferedGivesNull() {
    TlsFixtures.Pair p = alpn(List.of(), List.of());
    assertNull(p.client().negotiatedProtocol());
  }

  /** A wrapped IProtocolNegotiationFactory's protocols replace the options'. */
  @Test
  public void protocolNegotiationFactoryOverridesTheOptions() {
    Clock clock = new Clock();
    Negotiating client = new Negotiating(List.of("x-proto"));
    Negotiating server = new Negotiating(List.of("x-proto", "h2"));
    TLSMemoryBIOFactory cf = new TLSMemoryBIOFactory(TlsFixtures.clientOptions(), true, client,
        clock);
    TLSMemoryBIOFactory sf = new TLSMemoryBIOFactory(TlsFixtures.serverOptions(), false, server,
        clock);
    TlsFixtures.Pair p = TlsFixtures.connect(cf, sf);
    p.pump().flush();
    assertEquals(p.client().negotiatedProtocol(), "x-proto");
    assertEquals(p.server().negotiatedProtocol(), "x-proto");
  }
}
