package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internal.transport.StreamTransportTest.Recorder;
import dev.torsion.internet.interfaces.ISSLTransport;
import dev.torsion.internet.interfaces.ITLSConnectionCreator;
import dev.torsion.python.failure.Failure;
import dev.torsion.trial.SynchronousTestCase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClient;
import org.bouncycastle.tls.TlsServer;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

/**
 * An exception thrown by code Bouncy Castle calls inside the handshake (here the client's
 * server-certificate callback) ends both ends, reaches the application as itself, and is logged.
 */
public class TlsHandshakeExceptionTest extends SynchronousTestCase {
  private static Object call(Object target, Method m, Object @Nullable [] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A client creator whose certificate callback divides by zero. */
  private static ITLSConnectionCreator buggy(ITLSConnectionCreator real) {
    return new ITLSConnectionCreator() {
      @Override
      public TlsClient clientConnectionForTLS(ISSLTransport t, @Nullable List<String> ap) {
        TlsClient client = real.clientConnectionForTLS(t, ap);
        return (TlsClient) Proxy.newProxyInstance(TlsClient.class.getClassLoader(),
            new Class<?>[] {TlsClient.class}, (proxy, m, args) -> {
              Object result = call(client, m, args);
              if (!m.getName().equals("getAuthentication")) {
                return result;
              }
              TlsAuthentication auth = (TlsAuthentication) result;
              return Proxy.newProxyInstance(TlsAuthentication.class.getClassLoader(),
                  new Class<?>[] {TlsAuthentication.class}, (p2, m2, args2) -> {
                    if (m2.getName().equals("notifyServerCertificate")) {
                      return 1 / (args2.length - 1);
                    }
                    return call(auth, m2, args2);
                  });
            });
      }

      @Override
      public TlsServer serverConnectionForTLS(ISSLTransport t, @Nullable List<String> ap) {
        throw new UnsupportedOperationException("client only");
      }
    };
  }

  /** twisted.test.test_sslverify.ServiceIdentityTests.test_surpriseFromInfoCallback */
  @Test
  public void anExceptionInsideTheHandshakeIsLoggedAndEndsBothEnds() {
    Recorder c = new Recorder();
    Recorder s = new Recorder();
    StreamTransportTlsTest outer = new StreamTransportTlsTest();
    StreamTransportTlsTest.Pair p = outer.new Pair(c, s);
    p.server.startTLS(StreamTransportTlsTest.CERT.options());
    p.client.startTLS(buggy(StreamTransportTlsTest.clientOptions()));
    p.pump();
    assertEquals(c.data.toString(), "");
    assertEquals(s.data.toString(), "");
    assertEquals(c.lost.size(), 1, c.events.toString());
    assertTrue(c.lost.get(0).value() instanceof ArithmeticException, c.lost.get(0).toString());
    assertEquals(s.lost.size(), 1, s.events.toString());
    assertFalse(s.lost.get(0).value() instanceof ArithmeticException);
    List<Failure> logged = flushLoggedErrors(ArithmeticException.class);
    assertEquals(logged.size(), 1);
  }
}
