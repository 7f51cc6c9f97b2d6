package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One block of native memory an io_uring operation reads or writes: a read buffer, a write
 * buffer, a socket address, an eventfd counter. Its address goes into
 * submission entries as a plain number, so the io_uring backend needs no JNA type.
 *
 * <p>Ownership: whoever submits an operation naming this block lends it to the kernel until
 * that operation's completion is reaped; the block must not be reused or freed before. The
 * block is freed by {@link #close()} only, never by the garbage collector.
 */
public final class UringBlock implements AutoCloseable {
  /** The size a block holding a socket address needs ({@code sockaddr_un} is the largest). */
  public static final int ADDRESS_BLOCK = 112;

  private final Memory memory;
  private final long address;
  private final ByteBuffer view;
  private boolean freed;

  /**
   * Allocates a block.
   *
   * @param size its size in bytes
   */
  public UringBlock(int size) {
    memory = new Memory(size);
    address = Pointer.nativeValue(memory);
    view = memory.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
  }

  /**
   * The block's native address, for a submission entry.
   *
   * @return the address
   */
  public long address() {
    return address;
  }

  /**
   * A view of the whole block, made once; position and limit are the caller's to set.
   *
   * @return the view
   */
  public ByteBuffer view() {
    return view;
  }

  /**
   * Copies {@code n} bytes from the block's start into a new array: the one allocation per
   * read, the array handed to {@code dataReceived}.
   *
   * @param n how many
   * @return the bytes
   */
  public byte[] copyOut(int n) {
    byte[] data = new byte[n];
    view.get(0, data, 0, n);
    return data;
  }

  /**
   * Writes {@code remote} as a {@code sockaddr} at the block's start, for a connect.
   *
   * @param remote the address
   * @return its length in bytes
   * @throws IOException if the address cannot be encoded
   */
  public int putAddress(SocketAddress remote) throws IOException {
    return SocketAddresses.encode(memory, remote);
  }

  /** Frees the memory. Idempotent; only once no operation holds the block. */
  @Override
  public void close() {
    if (!freed) {
      freed = true;
      memory.close();
    }
  }
}
