package dev.torsion.internal.transport;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertNull;
import static org.testng.Assert.assertThrows;

import dev.torsion.internet.address.IPv4Address;
import dev.torsion.internet.address.IPv6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.testng.annotations.Test;

public class AddressesTest {
  /** twisted.internet.test.test_tcp.SimpleUtilityTests.test_resolveIPv6 */
  @Test
  public void literalIPv6ResolvesToItsCompressedForm() {
    InetAddress a = Addresses.literal("::1");
    assertEquals(Addresses.of(new InetSocketAddress(a, 2), true),
        new IPv6Address("TCP", "::1", 2, 0, 0));
    assertEquals(Addresses.of(new InetSocketAddress(Addresses.literal("[2001:db8::0:1]"), 3),
        true), new IPv6Address("TCP", "2001:db8::1", 3));
  }

  /** twisted.internet.test.test_tcp.SimpleUtilityTests.test_resolveNumericHost */
  @Test
  public void hostNamesAreNotLiteralsAndAreNeverLookedUp() {
    assertNull(Addresses.literal("localhost"));
    assertNull(Addresses.literal("example.invalid"));
    assertNull(Addresses.literal("1.2.3"));
  }

  @Test
  public void ipv4AddressesAndMappedPeersOfIPv6Sockets() {
    InetSocketAddress a = new InetSocketAddress(Addresses.literal("127.0.0.1"), 80);
    assertEquals(Addresses.of(a, false), new IPv4Address("TCP", "127.0.0.1", 80));
    assertEquals(Addresses.of(a, true), new IPv6Address("TCP", "::ffff:127.0.0.1", 80));
  }

  @Test
  public void listenInterfaceMustBeEmptyOrALiteral() {
    assertEquals(Addresses.bindAddress("", 5).getAddress().getHostAddress(), "0.0.0.0");
    assertEquals(Addresses.bindAddress("::", 5).getAddress(), Addresses.literal("::"));
    assertThrows(IllegalArgumentException.class, () -> Addresses.bindAddress("localhost", 5));
  }

  @Test
  public void socketErrorsMapToTwistedTypes() {
    assertEquals(SocketErrors.connectError(new java.net.ConnectException("Connection refused"))
        .getClass(), dev.torsion.internet.error.ConnectionRefusedError.class);
    assertEquals(SocketErrors.connectError(new java.net.BindException("Address in use"))
        .getClass(), dev.torsion.internet.error.ConnectBindError.class);
    assertEquals(SocketErrors.connectError(new java.net.NoRouteToHostException("x"))
        .getClass(), dev.torsion.internet.error.NoRouteError.class);
    assertEquals(SocketErrors.connectError(new java.net.ConnectException("Connection timed out"))
        .getClass(), dev.torsion.internet.error.TCPTimedOutError.class);
    assertEquals(SocketErrors.connectError(new java.io.IOException("odd")).getClass(),
        dev.torsion.internet.error.ConnectError.class);
  }
}
