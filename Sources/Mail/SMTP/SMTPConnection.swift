import COpenSSL
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One TCP connection to the relay, plaintext until ``startTLS(context:host:deadline:)``
/// and TLS afterwards, on a non-blocking socket where every wait is a
/// `poll(2)` bounded by the caller's deadline.
///
/// Not thread-safe: one thread uses a connection at a time.
final class SMTPConnection {
  private var socket: Int32
  private var tls: OpaquePointer?
  private var parser = SMTPReplyParser()
  private var readBuffer = [UInt8](repeating: 0, count: 16384)

  private init(socket: Int32) {
    self.socket = socket
  }

  deinit {
    close()
  }

  /// Whether the handshake completed and traffic is encrypted.
  var isEncrypted: Bool { tls != nil }

  /// Connects to `host:port`, trying each resolved address in turn.
  /// - Parameter lookup: how names are resolved; `getaddrinfo(3)` unless a
  ///   test stands in for a resolver.
  /// - Throws: ``SMTPTransportError`` when the name does not resolve or no
  ///   address accepts before the deadline.
  static func connect(
    host: String, port: UInt16, deadline: Deadline,
    lookup: @escaping AddressLookup.Function = AddressLookup.system
  ) throws(SMTPTransportError) -> SMTPConnection {
    let list = try AddressLookup.resolve(
      host: host, port: port, deadline: deadline, using: lookup)
    defer { freeaddrinfo(list) }

    var lastError = "no address"
    var entry: UnsafeMutablePointer<addrinfo>? = list
    while let current = entry {
      entry = current.pointee.ai_next
      let fd = Glibc.socket(
        current.pointee.ai_family,
        Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
        0)
      guard fd >= 0 else {
        lastError = String(cString: strerror(errno))
        continue
      }
      let connection = SMTPConnection(socket: fd)
      do {
        try connection.finishConnect(to: current.pointee, deadline: deadline)
        var noDelay: Int32 = 1
        setsockopt(
          fd, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        return connection
      } catch {
        if error.code == .timedOut { throw error }
        lastError = error.message
      }
    }
    throw SMTPTransportError(.connectFailed, "cannot connect to \(host):\(port): \(lastError)")
  }

  private func finishConnect(to address: addrinfo, deadline: Deadline) throws(SMTPTransportError) {
    if Glibc.connect(socket, address.ai_addr, address.ai_addrlen) == 0 { return }
    guard errno == EINPROGRESS else {
      throw SMTPTransportError(.connectFailed, String(cString: strerror(errno)))
    }
    try wait(for: Int16(POLLOUT), deadline: deadline, during: "connect")
    var failure: Int32 = 0
    var length = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(socket, SOL_SOCKET, SO_ERROR, &failure, &length)
    guard failure == 0 else {
      throw SMTPTransportError(.connectFailed, String(cString: strerror(failure)))
    }
  }

  /// Closes the connection; safe to call twice.
  func close() {
    if let tls {
      SSL_free(tls)
      self.tls = nil
    }
    if socket >= 0 {
      Glibc.close(socket)
      socket = -1
    }
  }

  // MARK: - TLS

  /// Throws away everything buffered, then performs the TLS handshake with
  /// SNI and, when the context verifies, host name verification.
  func startTLS(context: TLSClientContext, host: String, deadline: Deadline)
    throws(SMTPTransportError)
  {
    // Bytes that arrived with or after the 220 are not trusted (RFC 3207 §4.2).
    parser.discardBufferedInput()

    ERR_clear_error()
    guard let tls = SSL_new(context.context) else {
      throw SMTPTransportError(.tlsFailed, "cannot create a TLS session: \(openSSLErrorText())")
    }
    self.tls = tls
    SSL_set_fd(tls, socket)
    let isIPAddress = Self.isIPAddress(host)
    if !isIPAddress {
      _ = copenssl_set_tlsext_host_name(tls, host)
    }
    if context.verifiesPeer {
      let configured =
        isIPAddress
        ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(tls), host)
        : SSL_set1_host(tls, host)
      guard configured == 1 else {
        throw SMTPTransportError(.tlsFailed, "cannot set the expected host name")
      }
    }

    while true {
      ERR_clear_error()
      let result = SSL_connect(tls)
      if result == 1 { return }
      let error = SSL_get_error(tls, result)
      switch error {
      case SSL_ERROR_WANT_READ:
        try wait(for: Int16(POLLIN), deadline: deadline, during: "TLS handshake")
      case SSL_ERROR_WANT_WRITE:
        try wait(for: Int16(POLLOUT), deadline: deadline, during: "TLS handshake")
      default:
        let verifyResult = SSL_get_verify_result(tls)
        if verifyResult != X509_V_OK {
          let reason = String(cString: X509_verify_cert_error_string(verifyResult))
          throw SMTPTransportError(.tlsFailed, "certificate verification failed: \(reason)")
        }
        let reason =
          error == SSL_ERROR_SYSCALL && ERR_peek_error() == 0
          ? "connection closed during the handshake" : openSSLErrorText()
        throw SMTPTransportError(.tlsFailed, "TLS handshake failed: \(reason)")
      }
    }
  }

  private static func isIPAddress(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  // MARK: - Reading and writing

  /// Reads until one complete reply is buffered and returns it.
  func readReply(deadline: Deadline) throws(SMTPTransportError) -> SMTPReply {
    while true {
      do {
        if let reply = try parser.nextReply() { return reply }
      } catch {
        throw SMTPTransportError(.malformedReply, "the server sent a malformed reply")
      }
      let count = try readSome(deadline: deadline)
      parser.append(readBuffer[..<count])
    }
  }

  /// Writes all of `bytes`.
  func write(_ bytes: [UInt8], deadline: Deadline) throws(SMTPTransportError) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Result { () throws(SMTPTransportError) -> Int in
          try writeSome(raw.baseAddress! + offset, count: raw.count - offset, deadline: deadline)
        }
      }
      offset += try written.get()
    }
  }

  private func readSome(deadline: Deadline) throws(SMTPTransportError) -> Int {
    while true {
      if deadline.hasPassed { throw Self.timeout(during: "reading a reply") }
      if let tls {
        ERR_clear_error()
        let count = readBuffer.withUnsafeMutableBytes {
          SSL_read(tls, $0.baseAddress, Int32($0.count))
        }
        if count > 0 { return Int(count) }
        switch SSL_get_error(tls, count) {
        case SSL_ERROR_WANT_READ:
          try wait(for: Int16(POLLIN), deadline: deadline, during: "reading a reply")
        case SSL_ERROR_WANT_WRITE:
          try wait(for: Int16(POLLOUT), deadline: deadline, during: "reading a reply")
        case SSL_ERROR_ZERO_RETURN:
          throw SMTPTransportError(.closedByPeer, "the server closed the connection")
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
          throw SMTPTransportError(.closedByPeer, "the server closed the connection")
        default:
          throw SMTPTransportError(.ioFailed, "TLS read failed: \(openSSLErrorText())")
        }
      } else {
        let count = readBuffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        if count > 0 { return count }
        if count == 0 {
          throw SMTPTransportError(.closedByPeer, "the server closed the connection")
        }
        guard errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
          throw SMTPTransportError(.ioFailed, "read failed: \(String(cString: strerror(errno)))")
        }
        try wait(for: Int16(POLLIN), deadline: deadline, during: "reading a reply")
      }
    }
  }

  private func writeSome(_ pointer: UnsafeRawPointer, count: Int, deadline: Deadline)
    throws(SMTPTransportError) -> Int
  {
    while true {
      if deadline.hasPassed { throw Self.timeout(during: "writing") }
      if let tls {
        ERR_clear_error()
        let written = SSL_write(tls, pointer, Int32(min(count, Int(Int32.max))))
        if written > 0 { return Int(written) }
        switch SSL_get_error(tls, written) {
        case SSL_ERROR_WANT_READ:
          try wait(for: Int16(POLLIN), deadline: deadline, during: "writing")
        case SSL_ERROR_WANT_WRITE:
          try wait(for: Int16(POLLOUT), deadline: deadline, during: "writing")
        default:
          throw SMTPTransportError(.ioFailed, "TLS write failed: \(openSSLErrorText())")
        }
      } else {
        let written = send(socket, pointer, count, Int32(MSG_NOSIGNAL))
        if written > 0 { return written }
        guard written < 0, errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR else {
          throw SMTPTransportError(.ioFailed, "write failed: \(String(cString: strerror(errno)))")
        }
        try wait(for: Int16(POLLOUT), deadline: deadline, during: "writing")
      }
    }
  }

  /// Waits until the socket is ready for `events` or the deadline passes.
  private func wait(for events: Int16, deadline: Deadline, during step: String)
    throws(SMTPTransportError)
  {
    while true {
      let timeout = deadline.remainingMilliseconds
      if timeout == 0 { throw Self.timeout(during: step) }
      var descriptor = pollfd(fd: socket, events: events, revents: 0)
      let ready = poll(&descriptor, 1, timeout)
      if ready > 0 { return }
      if ready < 0 && errno != EINTR {
        throw SMTPTransportError(.ioFailed, "poll failed: \(String(cString: strerror(errno)))")
      }
    }
  }

  private static func timeout(during step: String) -> SMTPTransportError {
    SMTPTransportError(.timedOut, "send timeout reached while \(step)")
  }
}

/// A relay's addresses, looked up on a thread of the lookup's own so that
/// the wait ends at the send's deadline: `getaddrinfo(3)` has no timeout,
/// and a name server that does not answer would otherwise hold the send
/// past it. A lookup given up on finishes in the background and frees what
/// it found.
final class AddressLookup: @unchecked Sendable {
  /// What `getaddrinfo(3)` returns: its status and, on success, the list
  /// the caller frees.
  struct Answer: @unchecked Sendable {
    let status: Int32
    let list: UnsafeMutablePointer<addrinfo>?
  }

  /// Resolves a host and a port (as text) to stream socket addresses.
  typealias Function = @Sendable (_ host: String, _ port: String) -> Answer

  /// `getaddrinfo(3)` for TCP, both address families, those configured here.
  static let system: Function = { host, port in
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    hints.ai_flags = AI_ADDRCONFIG
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, port, &hints, &list)
    return Answer(status: status, list: list)
  }

  private let condition = NSCondition()
  private var answer: Answer?
  private var isAbandoned = false

  /// The addresses of `host:port`, which the caller frees with
  /// `freeaddrinfo`.
  /// - Throws: ``SMTPTransportError`` with `timedOut` when the deadline
  ///   passes first, or `connectFailed` when the name does not resolve.
  static func resolve(
    host: String, port: UInt16, deadline: Deadline, using lookup: @escaping Function
  ) throws(SMTPTransportError) -> UnsafeMutablePointer<addrinfo> {
    let pending = AddressLookup()
    let portText = String(port)
    Thread { pending.finish(with: lookup(host, portText)) }.start()
    guard let answer = pending.wait(until: deadline) else {
      throw SMTPTransportError(.timedOut, "timeout resolving \(host)")
    }
    guard answer.status == 0, let list = answer.list else {
      throw SMTPTransportError(
        .connectFailed, "cannot resolve \(host): \(String(cString: gai_strerror(answer.status)))")
    }
    return list
  }

  private func finish(with answer: Answer) {
    condition.lock()
    defer { condition.unlock() }
    if isAbandoned {
      if let list = answer.list { freeaddrinfo(list) }
      return
    }
    self.answer = answer
    condition.broadcast()
  }

  /// The answer, or `nil` once the deadline has passed without one; the
  /// lookup is then abandoned.
  private func wait(until deadline: Deadline) -> Answer? {
    condition.lock()
    defer { condition.unlock() }
    while answer == nil && !deadline.hasPassed {
      let seconds = Double(deadline.remainingMilliseconds) / 1_000
      _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
    }
    if answer == nil { isAbandoned = true }
    return answer
  }
}
