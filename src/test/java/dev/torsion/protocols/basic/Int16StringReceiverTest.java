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

public class Int16StringReceiverTest extends IntNStringReceiverTestBase {
  @Override
  IntNStringReceiver make(Consumer<byte[]> onString, @Nullable LongConsumer onLimit) {
    return new Int16StringReceiver() {
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
    return List.of("\u0010\0aaaaaa");
  }

  @Override
  List<String> partialStrings() {
    return List.of("\0", "hello there", "");
  }

  /** twisted.protocols.test.test_basic.Int16Tests.test_data */
  @Test
  public void data() {
    IntNStringReceiver r = getProtocol();
    r.sendString(b("foo"));
    assertEquals(((StringTransport) r.transport()).value(), b("\0\u0003foo"));
    r.dataReceived(b("\0\u0004ubar"));
    assertEquals(Feeds.strings(received), List.of("ubar"));
  }

  /** twisted.protocols.test.test_basic.Int16Tests.test_tooLongSend */
  @Test
  public void tooLongSend() {
    IntNStringReceiver r = getProtocol();
    assertThrows(StringTooLongError.class, () -> r.sendString(new byte[(1 << 16) + 1]));
    assertThrows(StringTooLongError.class, () -> r.sendString(new byte[1 << 16]));
    r.sendString(new byte[(1 << 16) - 1]);
  }
}
