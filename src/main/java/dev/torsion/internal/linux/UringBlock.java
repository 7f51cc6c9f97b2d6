package dev.torsion.internal.linux;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * One block of native memory an io_uring operation reads or writes: a read buffer, a write
 * buffer, a socket address with its length word, an eventfd counter. Its address goes into
 * submission entries as a plain number, so the io_uring backend needs no JNA type.
 *
 * <p>Ownership: whoever submits an operation naming this block lends it to the kernel until
 * that operation's completion is reaped; the block must not be reused or freed before. The
 * block is freed by {@link #close()} only, never by the garbage collector.
 */
public final class UringBlock implements AutoCloseable {
  /** Where {@link #putAddress} and {@link #peerAddress} keep the address length word. */
  public static final int ADDRESS_LENGTH_OFFSET = 128;
  /** The size a block holding a socket address needs. */
  public static final int ADDRESS_BLOCK = 136;

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

  /** Sets the address length word to the room for an address, before an accept. */
  public void resetAddressLength() {
    memory.setInt(ADDRESS_LENGTH_OFFSET, 112);
  }

  /**
   * The peer address an accept wrote at the block's start.
   *
   * @param fd the accepted descriptor, for messages
   * @return the address, or null for a UNIX socket
   * @throws IOException if the address is of no known family
   */
  public @Nullable InetSocketAddress peerAddress(int fd) throws IOException {
    return memory.getShort(0) == Socket.AF_UNIX ? null
        : SocketAddresses.decode(memory, fd, "accept");
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
