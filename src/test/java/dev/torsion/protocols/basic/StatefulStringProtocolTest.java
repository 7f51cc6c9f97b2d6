package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static dev.torsion.protocols.basic.Feeds.s;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import dev.torsion.internet.testing.StringTransport;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

public class StatefulStringProtocolTest {
  /** A login exchange over int16 strings: user, then password, then done. */
  static final class Login extends Int16StringReceiver {
    final List<String> log = new ArrayList<>();
    final StatefulStringProtocol states = new StatefulStringProtocol(this::transport)
        .on("init", user -> {
          log.add("user " + s(user));
          return "password";
        })
        .on("password", password -> {
          log.add("password " + s(password));
          return StatefulStringProtocol.DONE;
        });

    @Override
    public void stringReceived(byte[] string) {
      states.stringReceived(string);
    }
  }

  private static byte[] message(String s) {
    byte[] out = new byte[2 + s.length()];
    out[1] = (byte) s.length();
    System.arraycopy(b(s), 0, out, 2, s.length());
    return out;
  }

  /** Each string goes to the current state's handler; "done" closes the connection. */
  @Test(dataProvider = "feeds", dataProviderClass = Feeds.class)
  public void statesAdvanceAndDoneCloses(Feeds.Mode mode) {
    Login p = new Login();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    assertEquals(p.states.state(), "init");
    Feeds.feed(p::dataReceived, message("alice"), mode);
    assertEquals(p.states.state(), "password");
    assertFalse(t.disconnecting());
    Feeds.feed(p::dataReceived, message("secret"), mode);
    assertEquals(p.log, List.of("user alice", "password secret"));
    assertEquals(p.states.state(), "done");
    assertTrue(t.disconnecting());
  }

  /** A string in a state with no handler is dropped, and the state stays. */
  @Test
  public void unknownStateDropsTheString() {
    Login p = new Login();
    StringTransport t = new StringTransport();
    p.makeConnection(t);
    p.states.setState("nowhere");
    p.dataReceived(message("x"));
    assertEquals(p.states.state(), "nowhere");
    assertEquals(p.log, List.of());
    assertFalse(t.disconnecting());
  }
}
