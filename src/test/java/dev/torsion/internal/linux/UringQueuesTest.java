package dev.torsion.internal.linux;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.testng.annotations.Test;

/** The ring index arithmetic on plain direct buffers, this test playing the kernel's part. */
public class UringQueuesTest {
  // A made-up layout: SQ head 0, tail 4, mask 8, entries 12, array 64, flags 28; CQ head 16,
  // tail 20, mask 24, cqes 128. Four SQ entries, eight CQ entries, one shared ring buffer.
  private static final int[] SQ_OFF = {0, 4, 8, 12, 64, 28};
  private static final int[] CQ_OFF = {16, 20, 24, 128};
  private final ByteBuffer ring =
      ByteBuffer.allocateDirect(128 + 8 * UringQueues.CQE_SIZE).order(ByteOrder.nativeOrder());
  private final ByteBuffer sqes =
      ByteBuffer.allocateDirect(4 * UringQueues.SQE_SIZE).order(ByteOrder.nativeOrder());

  private UringQueues queues(int start) {
    ring.putInt(0, start).putInt(4, start).putInt(8, 3).putInt(12, 4);
    ring.putInt(16, start).putInt(20, start).putInt(24, 7);
    return new UringQueues(ring, SQ_OFF, sqes, ring, CQ_OFF);
  }

  /** What the kernel does with a submission: read the SQE the array names, move the head. */
  private long consumeOne() {
    int head = ring.getInt(0);
    int index = ring.getInt(64 + 4 * (head & 3));
    long userData = sqes.getLong(index * UringQueues.SQE_SIZE + 32);
    ring.putInt(0, head + 1);
    return userData;
  }

  private void post(long userData, int res) {
    int tail = ring.getInt(20);
    int at = 128 + (tail & 7) * UringQueues.CQE_SIZE;
    ring.putLong(at, userData).putInt(at + 8, res).putInt(at + 12, 0);
    ring.putInt(20, tail + 1);
  }

  @Test
  public void theArrayNamesEachEntryAndTheSqeCarriesItsFields() {
    UringQueues q = queues(0);
    assertTrue(q.push(IoUring.OP_RECV, 7, 0x1000, 64, 5, 0x4000, 42));
    assertEquals(ring.getInt(4), 0, "the tail waits for publish()");
    q.publish();
    assertEquals(ring.getInt(4), 1, "the tail is published");
    assertEquals(q.unsubmitted(), 1);
    assertEquals(sqes.get(0), IoUring.OP_RECV);
    assertEquals(sqes.getInt(4), 7);
    assertEquals(sqes.getLong(8), 5);
    assertEquals(sqes.getLong(16), 0x1000);
    assertEquals(sqes.getInt(24), 64);
    assertEquals(sqes.getInt(28), 0x4000);
    assertEquals(consumeOne(), 42);
    assertEquals(q.unsubmitted(), 0);
  }

  @Test
  public void aFullSubmissionQueueRefusesUntilTheKernelConsumes() {
    UringQueues q = queues(0);
    for (int i = 0; i < 4; i++) {
      assertTrue(q.push(IoUring.OP_NOP, -1, 0, 0, 0, 0, i));
    }
    assertFalse(q.push(IoUring.OP_NOP, -1, 0, 0, 0, 0, 4));
    assertEquals(consumeOne(), 0);
    assertTrue(q.push(IoUring.OP_NOP, -1, 0, 0, 0, 0, 4));
    assertEquals(q.unsubmitted(), 4);
  }

  @Test
  public void submissionIndicesWrapAtTwoToTheThirtyTwo() {
    UringQueues q = queues(-3); // 0xFFFFFFFD: three pushes reach the wrap
    for (long ud = 0; ud < 10; ud++) {
      assertTrue(q.push(IoUring.OP_NOP, -1, 0, 0, 0, 0, ud));
      assertEquals(q.unsubmitted(), 1);
      q.publish();
      assertEquals(consumeOne(), ud, "entry " + ud + " is the one the kernel reads");
    }
    assertEquals(ring.getInt(4), 7, "the tail wrapped past zero");
  }

  @Test
  public void completionsAreReadInOrderAcrossTheWrap() {
    UringQueues q = queues(-5);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 6; i++) {
        post(round * 10 + i, -i);
      }
      assertEquals(q.ready(), 6);
      for (int i = 0; i < 6; i++) {
        assertEquals(q.userData(), round * 10 + i);
        assertEquals(q.result(), -i);
        q.advance();
      }
      assertEquals(q.ready(), 0);
      assertEquals(ring.getInt(16), ring.getInt(20) - 6, "the head waits for release()");
      q.release();
      assertEquals(ring.getInt(16), ring.getInt(20), "the head handed every slot back");
    }
    assertEquals(ring.getInt(16), -5 + 18);
  }

  @Test
  public void aSelectingMultishotEntryCarriesItsFlagsPriorityAndGroup() {
    UringQueues q = queues(0);
    assertTrue(q.push(IoUring.OP_RECV, IoUring.SQE_BUFFER_SELECT, IoUring.RECV_MULTISHOT, 9, 0,
        0, 0, 0, 77, 5));
    assertEquals(sqes.get(0), IoUring.OP_RECV);
    assertEquals(sqes.get(1), IoUring.SQE_BUFFER_SELECT);
    assertEquals(sqes.getShort(2), IoUring.RECV_MULTISHOT);
    assertEquals(sqes.getInt(4), 9);
    assertEquals(sqes.getLong(16), 0);
    assertEquals(sqes.getShort(40), 5, "buf_group");
    assertEquals(sqes.getLong(32), 77);
  }

  @Test
  public void aCompletionsFlagsCarryTheBufferId() {
    UringQueues q = queues(0);
    post(1, 64);
    ring.putInt(128 + 12, 37 << 16 | IoUring.CQE_F_BUFFER | IoUring.CQE_F_MORE);
    assertEquals(q.ready(), 1);
    int flags = q.flags();
    assertEquals(flags & IoUring.CQE_F_MORE, IoUring.CQE_F_MORE);
    assertEquals(flags & IoUring.CQE_F_BUFFER, IoUring.CQE_F_BUFFER);
    assertEquals(IoUring.bufferId(flags), 37);
  }

  @Test
  public void theOverflowAndTaskRunFlagsEachSayCompletionsWaitInTheKernel() {
    UringQueues q = queues(0);
    assertFalse(q.completionsHeld());
    ring.putInt(28, 2); // IORING_SQ_CQ_OVERFLOW
    assertTrue(q.completionsHeld());
    ring.putInt(28, 4); // IORING_SQ_TASKRUN
    assertTrue(q.completionsHeld());
    ring.putInt(28, 1); // IORING_SQ_NEED_WAKEUP: SQPOLL only, not ours
    assertFalse(q.completionsHeld());
  }
}
