import CLinux
import Glibc

/// A socket call that failed: the call's name and the `errno` it left.
package struct SocketError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The system call that failed, such as `bind`.
  package var call: String
  /// The `errno` value.
  package var errno: Int32

  /// Captures the current `errno` for `call`.
  package init(call: String) {
    self.call = call
    self.errno = Glibc.errno
  }

  package init(call: String, errno: Int32) {
    self.call = call
    self.errno = errno
  }

  package var description: String {
    "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
  }
}

/// What a non-blocking read returned.
package enum SocketReadResult: Equatable {
  /// This many bytes arrived.
  case bytes(Int)
  /// The peer closed its side.
  case endOfFile
  /// Nothing to read now; wait for readability.
  case wouldBlock
}

/// Non-blocking socket helpers over the raw system calls.
package enum Socket {
  /// Opens a non-blocking listening TCP socket on a numeric IPv4 or IPv6
  /// `host` (`127.0.0.1`, `::1`, `0.0.0.0`, `::`) and `port` (0 picks a free
  /// one), with `SO_REUSEADDR`.
  ///
  /// - Throws: ``SocketError`` from address parsing, `socket`, `bind` or `listen`.
  package static func listen(host: String, port: Int, backlog: Int32 = 1024) throws(SocketError)
    -> Int32
  {
    var address = try SocketAddress(host: host, port: port)
    let fd = socket(
      Int32(address.family),
      Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SocketError(call: "socket") }
    var one: Int32 = 1
    _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    if address.family == sa_family_t(AF_INET6) {
      _ = setsockopt(
        fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &one, socklen_t(MemoryLayout<Int32>.size))
    }
    let bound = address.withSockAddr { bind(fd, $0, $1) }
    guard bound == 0 else {
      let error = SocketError(call: "bind")
      Glibc.close(fd)
      throw error
    }
    guard Glibc.listen(fd, backlog) == 0 else {
      let error = SocketError(call: "listen")
      Glibc.close(fd)
      throw error
    }
    return fd
  }

  /// Starts a non-blocking TCP connection to a numeric `host` and `port`.
  /// Completion is signalled by writability; then call ``connectResult(_:)``.
  ///
  /// - Throws: ``SocketError`` from address parsing, `socket` or `connect`.
  package static func connect(host: String, port: Int) throws(SocketError) -> Int32 {
    var address = try SocketAddress(host: host, port: port)
    let fd = socket(
      Int32(address.family),
      Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SocketError(call: "socket") }
    let result = address.withSockAddr { Glibc.connect(fd, $0, $1) }
    guard result == 0 || errno == EINPROGRESS else {
      let error = SocketError(call: "connect")
      Glibc.close(fd)
      throw error
    }
    return fd
  }

  /// The outcome of a non-blocking connect once the socket is writable.
  ///
  /// - Throws: ``SocketError`` with the connection's `SO_ERROR`.
  package static func connectResult(_ fd: Int32) throws(SocketError) {
    var value: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &length) == 0 else {
      throw SocketError(call: "getsockopt")
    }
    if value != 0 { throw SocketError(call: "connect", errno: value) }
  }

  /// Accepts one pending connection as a non-blocking descriptor, or
  /// returns nil when none is pending.
  ///
  /// - Throws: ``SocketError`` for failures other than "nothing pending"
  ///   and aborted connections (`EMFILE` included: the caller decides).
  package static func accept(_ listener: Int32) throws(SocketError) -> Int32? {
    while true {
      let fd = clinux_accept4(listener, Int32(SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue))
      if fd >= 0 { return fd }
      switch errno {
      case EAGAIN, EWOULDBLOCK: return nil
      case EINTR, ECONNABORTED: continue
      default: throw SocketError(call: "accept4")
      }
    }
  }

  /// Reads what is available into `buffer`.
  ///
  /// - Throws: ``SocketError`` for a failed read (`ECONNRESET` included).
  package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer)
    throws(SocketError) -> SocketReadResult
  {
    while true {
      let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
      if count > 0 { return .bytes(count) }
      if count == 0 { return .endOfFile }
      switch errno {
      case EAGAIN, EWOULDBLOCK: return .wouldBlock
      case EINTR: continue
      default: throw SocketError(call: "read")
      }
    }
  }

  /// Writes as much of `bytes` as the socket takes now; returns the count
  /// written (0 when it would block).
  ///
  /// - Throws: ``SocketError`` for a failed write (`EPIPE` included).
  package static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SocketError)
    -> Int
  {
    guard bytes.count > 0 else { return 0 }
    while true {
      let count = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
      if count >= 0 { return count }
      switch errno {
      case EAGAIN, EWOULDBLOCK: return 0
      case EINTR: continue
      default: throw SocketError(call: "send")
      }
    }
  }

  /// Writes several buffers with one `writev`; returns the total written
  /// (0 when it would block).
  ///
  /// - Throws: ``SocketError`` for a failed write.
  package static func writev(_ fd: Int32, _ buffers: [UnsafeRawBufferPointer]) throws(SocketError)
    -> Int
  {
    var vectors = buffers.map {
      iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count)
    }
    while true {
      let count = Glibc.writev(fd, &vectors, Int32(vectors.count))
      if count >= 0 { return count }
      switch errno {
      case EAGAIN, EWOULDBLOCK: return 0
      case EINTR: continue
      default: throw SocketError(call: "writev")
      }
    }
  }

  /// Turns Nagle's algorithm off: frames go out as soon as they are written.
  package static func setNoDelay(_ fd: Int32) {
    var one: Int32 = 1
    _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
  }

  /// The local port a socket is bound to.
  ///
  /// - Throws: ``SocketError`` from `getsockname`.
  package static func localPort(_ fd: Int32) throws(SocketError) -> Int {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard result == 0 else { throw SocketError(call: "getsockname") }
    return SocketAddress(storage: storage).port
  }

  /// The remote address of a connected socket as `host:port` (`[host]:port`
  /// for IPv6), or `unknown`.
  package static func peerName(_ fd: Int32) -> String {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) }
    }
    guard result == 0 else { return "unknown" }
    return SocketAddress(storage: storage).description
  }

  /// Closes a descriptor, ignoring errors (there is nothing left to do).
  package static func close(_ fd: Int32) {
    _ = Glibc.close(fd)
  }
}

/// A numeric IPv4 or IPv6 socket address.
struct SocketAddress: CustomStringConvertible {
  private var storage = sockaddr_storage()

  /// Parses a numeric host; `[::1]` brackets are accepted.
  init(host: String, port: Int) throws(SocketError) {
    var host = host
    if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
    guard (0...65535).contains(port) else { throw SocketError(call: "port", errno: EINVAL) }
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, host, &v4) == 1 {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr = v4
      withUnsafeMutableBytes(of: &storage) { raw in
        withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
      }
    } else if inet_pton(AF_INET6, host, &v6) == 1 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = in_port_t(UInt16(port).bigEndian)
      address.sin6_addr = v6
      withUnsafeMutableBytes(of: &storage) { raw in
        withUnsafeBytes(of: address) { raw.copyMemory(from: $0) }
      }
    } else {
      throw SocketError(call: "inet_pton", errno: EINVAL)
    }
  }

  init(storage: sockaddr_storage) {
    self.storage = storage
  }

  var family: sa_family_t { storage.ss_family }

  var port: Int {
    withUnsafeBytes(of: storage) { raw in
      if family == sa_family_t(AF_INET6) {
        return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
      }
      return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
    }
  }

  var description: String {
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    // inet_ntop writes a NUL-terminated string into `text`.
    func written() -> String {
      String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return withUnsafeBytes(of: storage) { raw in
      if family == sa_family_t(AF_INET6) {
        var address = raw.load(as: sockaddr_in6.self).sin6_addr
        inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
        return "[\(written())]:\(port)"
      }
      var address = raw.load(as: sockaddr_in.self).sin_addr
      inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
      return "\(written()):\(port)"
    }
  }

  /// Calls `body` with the address as a `sockaddr` pointer and its length.
  mutating func withSockAddr<Result>(
    _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
  ) -> Result {
    let length =
      family == sa_family_t(AF_INET6)
      ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size
    return withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(length)) }
    }
  }
}
