package dev.torsion.internet.protocol;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertSame;

import dev.torsion.internet.interfaces.IConsumer;
import dev.torsion.internet.interfaces.IProducer;
import java.util.ArrayList;
import java.util.List;
import org.testng.annotations.Test;

/** {@link ProtocolToConsumerAdapter} and {@link ConsumerToProtocolAdapter}. */
public class AdapterTest {
  /** twisted.internet.test.test_protocol.AdapterTests.test_protocolToConsumer */
  @Test
  public void aProtocolAdaptedToAConsumerReceivesWhatIsWritten() {
    List<String> result = new ArrayList<>();
    Protocol p = new Protocol() {
      @Override
      public void dataReceived(byte[] data) {
        result.add(new String(data, java.nio.charset.StandardCharsets.US_ASCII));
      }
    };
    ProtocolToConsumerAdapter consumer = ProtocolToConsumerAdapter.adapt(p);
    consumer.write("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertEquals(result, List.of("hello"));
    assertSame(consumer.original(), p);
    consumer.registerProducer(() -> result.add("stopped"), true);
    consumer.unregisterProducer();
    assertEquals(result, List.of("hello"), "producers are ignored");
  }

  /** twisted.internet.test.test_protocol.AdapterTests.test_consumerToProtocol */
  @Test
  public void aConsumerAdaptedToAProtocolWritesWhatIsReceived() {
    List<byte[]> result = new ArrayList<>();
    IConsumer c = new IConsumer() {
      @Override
      public void registerProducer(IProducer producer, boolean streaming) {}

      @Override
      public void unregisterProducer() {}

      @Override
      public void write(byte[] data) {
        result.add(data);
      }
    };
    ConsumerToProtocolAdapter protocol = ConsumerToProtocolAdapter.adapt(c);
    byte[] hello = {'h', 'e', 'l', 'l', 'o'};
    protocol.makeConnection(new FileWrapper(new java.io.ByteArrayOutputStream()));
    protocol.dataReceived(hello);
    protocol.connectionLost(Protocol.connectionDone());
    assertEquals(result.size(), 1);
    assertSame(result.get(0), hello);
    assertSame(protocol.original(), c);
  }
}
