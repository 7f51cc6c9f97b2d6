package dev.torsion.protocols.basic;

import static dev.torsion.protocols.basic.Feeds.b;
import static org.testng.Assert.assertEquals;

import dev.torsion.internet.testing.StringTransport;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.testng.annotations.Test;

public class Int32StringReceiverTest extends IntNStringReceiverTestBase {
  @Override
  IntNStringReceiver make(Consumer<byte[]> onString, @Nullable LongConsumer onLimit) {
    return new Int32StringReceiver() {
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
    return List.of("\u0010\0\0\0aaaaaa");
  }

  @Override
  List<String> partialStrings() {
    return List.of("\0\0\0", "hello there", "");
  }

  /** twisted.protocols.test.test_basic.Int32Tests.test_data */
  @Test
  public void data() {
    IntNStringReceiver r = getProtocol();
    r.sendString(b("foo"));
    assertEquals(((StringTransport) r.transport()).value(), b("\0\0\0\u0003foo"));
    r.dataReceived(b("\0\0\0\u0004ubar"));
    assertEquals(Feeds.strings(received), List.of("ubar"));
  }
}
