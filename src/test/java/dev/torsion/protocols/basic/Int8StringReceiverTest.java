package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertThrows;

import dev.torsion.internet.testing.StringTransport;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class Int8StringReceiverTest extends IntNStringReceiverTestBase {
  @Override
  IntNStringReceiver make(Consumer<byte[]> onString, @Nullable LongConsumer onLimit) {
    return new Int8StringReceiver() {
      @Override
      public void stringReceived(byte[] string) {
        onString.accept(string);
      }

      @Override
      public void lengthLimitExceeded(long length) {
        if (onLimit == null) {
          super.lengthLimitExceeded(length);
        } else {
          onLimit.accept(length);
        }
      }
    };
  }

  @Override
  List<String> illegalStrings() {
    return List.of("\0\0aaaaaa");
  }

  @Override
  List<String> partialStrings() {
    return List.of("\u0008", "dzadz", "");
  }

  /** twisted.protocols.test.test_basic.Int8Tests.test_data */
  @Test
  public void data() {
    IntNStringReceiver r = getProtocol();
    r.sendString(b("foo"));
    assertEquals(((StringTransport) r.transport()).value(), b("\u0003foo"));
    r.dataReceived(b("\u0004ubar"));
    assertEquals(Feeds.strings(received), List.of("ubar"));
  }

  /** twisted.protocols.test.test_basic.Int8Tests.test_tooLongSend */
  @Test
  public void tooLongSend() {
    IntNStringReceiver r = getProtocol();
    assertThrows(StringTooLongError.class, () -> r.sendString(new byte[(1 << 8) + 1]));
    assertThrows(StringTooLongError.class, () -> r.sendString(new byte[1 << 8]));
    r.sendString(new byte[(1 << 8) - 1]);
  }
}
