package dev.torsion.bench.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Netty 4.2 with ONE event-loop thread (accepting and serving), the plain handlers a Netty user
 * would write for the same protocols. Transports: {@code nio}, {@code epoll}, {@code io_uring}.
 */
final class NettyServer implements BenchServer {
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final ExecutorService pool = Executors.newFixedThreadPool(10);
  private final int echoPort;
  private final int linesPort;
  private final int[] tlsPorts;

  /** Echo: write what arrives, flush once per read burst. */
  @ChannelHandler.Sharable
  static final class Echo extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ctx.write(msg, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  /** Counts the frames of a LineBasedFrameDecoder; {@code END} answers the count. */
  static final class Lines extends ChannelInboundHandlerAdapter {
    private long count;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf line = (ByteBuf) msg;
      try {
        if (line.readableBytes() == 3 && line.toString(StandardCharsets.US_ASCII).equals("END")) {
          ctx.writeAndFlush(Unpooled.wrappedBuffer(
              (count + "\n").getBytes(StandardCharsets.US_ASCII)));
          count = 0;
        } else {
          count++;
        }
      } finally {
        line.release();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private NettyServer(IoHandlerFactory io, Class<? extends ServerChannel> channel,
      java.nio.file.Path tls) throws InterruptedException, javax.net.ssl.SSLException {
    group = new MultiThreadIoEventLoopGroup(1, io);
    loop = group.next();
    Echo echo = new Echo();
    echoPort = bind(channel, new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(echo);
      }
    });
    linesPort = bind(channel, new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new LineBasedFrameDecoder(16384), new Lines());
      }
    });
    tlsPorts = new int[TlsSetup.KINDS.size()];
    for (int i = 0; i < tlsPorts.length; i++) {
      SslContext ssl = sslContext(tls, TlsSetup.KINDS.get(i));
      tlsPorts[i] = bind(channel, new ChannelInitializer<SocketChannel>() {
        @Override
        protected void initChannel(SocketChannel ch) {
          ch.pipeline().addLast(ssl.newHandler(ch.alloc()), echo);
        }
      });
    }
  }

  /**
   * Netty's SslHandler on the JDK's own SSLEngine (not netty-tcnative), from the PEM files,
   * restricted as Torsion's server is: TLS 1.3, AES-128-GCM.
   */
  private static SslContext sslContext(java.nio.file.Path tls, String kind)
      throws javax.net.ssl.SSLException {
    return SslContextBuilder.forServer(tls.resolve(kind + ".crt").toFile(),
            tls.resolve(kind + ".key").toFile())
        .sslProvider(SslProvider.JDK)
        .protocols(TlsSetup.PROTOCOL)
        .ciphers(java.util.List.of(TlsSetup.SUITE))
        .build();
  }

  private int bind(Class<? extends ServerChannel> channel, ChannelInitializer<SocketChannel> init)
      throws InterruptedException {
    Channel ch = new ServerBootstrap().group(group).channel(channel).childHandler(init)
        .option(io.netty.channel.ChannelOption.SO_BACKLOG, 1024)
        .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    return ((InetSocketAddress) ch.localAddress()).getPort();
  }

  static NettyServer start(String transport, java.nio.file.Path tls)
      throws InterruptedException, javax.net.ssl.SSLException {
    return switch (transport) {
      case "nio" -> new NettyServer(NioIoHandler.newFactory(), NioServerSocketChannel.class,
          tls);
      case "epoll" -> {
        Epoll.ensureAvailability();
        yield new NettyServer(EpollIoHandler.newFactory(), EpollServerSocketChannel.class, tls);
      }
      case "io_uring" -> {
        if (!IoUring.isAvailable()) {
          // Say why (kernel too old, seccomp, missing native file) rather than a bare failure.
          throw new IllegalStateException("Netty io_uring unavailable: "
              + IoUring.unavailabilityCause(), IoUring.unavailabilityCause());
        }
        yield new NettyServer(IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class,
            tls);
      }
      default -> throw new IllegalArgumentException("unknown Netty transport " + transport);
    };
  }

  @Override
  public int echoPort() {
    return echoPort;
  }

  @Override
  public int linesPort() {
    return linesPort;
  }

  @Override
  public int[] tlsPorts() {
    return tlsPorts.clone();
  }

  @Override
  public long[] shape(String shape, long warmNanos, long measureNanos) throws Exception {
    ShapeRun run = new ShapeRun(warmNanos, measureNanos);
    switch (shape) {
      case "iteration" -> loop.execute(new Runnable() {
        @Override
        public void run() {
          if (run.tick()) {
            loop.execute(this);
          }
        }
      });
      case "threads" -> loop.execute(new Runnable() {
        @Override
        public void run() {
          Runnable self = this;
          pool.execute(() -> loop.execute(() -> {
            if (run.tick()) {
              self.run();
            }
          }));
        }
      });
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
    long count = run.await(measureNanos, warmNanos);
    return new long[] {count, run.cpu};
  }

  @Override
  public void stop() {
    pool.shutdownNow();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
