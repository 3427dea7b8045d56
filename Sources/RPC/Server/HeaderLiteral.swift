import Glibc

/// A header name or value known in advance, compared against received
/// bytes with `memcmp` rather than through `String`.
struct HeaderLiteral {
  private let text: StaticString

  init(_ text: StaticString) {
    self.text = text
  }

  var count: Int { text.utf8CodeUnitCount }

  /// True when `bytes` are exactly this text.
  func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count == count && Self.equal(bytes.baseAddress, text.utf8Start, count)
  }

  /// True when `bytes` start with this text.
  func isPrefix(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= count && Self.equal(bytes.baseAddress, text.utf8Start, count)
  }

  /// `count` bytes at `first` and `second` are equal; no bytes always are.
  static func equal(_ first: UnsafePointer<UInt8>?, _ second: UnsafePointer<UInt8>?, _ count: Int)
    -> Bool
  {
    guard count > 0, let first, let second else { return true }
    return memcmp(first, second, count) == 0
  }

  static let path = HeaderLiteral(":path")
  static let method = HeaderLiteral(":method")
  static let post = HeaderLiteral("POST")
  static let contentType = HeaderLiteral("content-type")
  static let grpcContentType = HeaderLiteral("application/grpc")
  static let grpcTimeout = HeaderLiteral("grpc-timeout")

  /// Headers every gRPC client sends that are not metadata.
  private static let transportHeaders = [
    HeaderLiteral("te"), HeaderLiteral("user-agent"), HeaderLiteral("grpc-accept-encoding"),
    HeaderLiteral("accept-encoding"),
  ]

  static func isTransportHeader(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    transportHeaders.contains { $0.matches(name) }
  }
}

/// Strings made recently from received bytes, each with a value derived
/// from it, found again by length and `memcmp`: a header that repeats on
/// every request of a connection (its `:path`, its `authorization`) costs
/// neither an allocation nor UTF-8 validation after the first time.
///
/// The oldest entry makes room for a new one. Touched only on the owning
/// loop's thread.
struct RecentTexts<Derived> {
  private struct Entry {
    var bytes: [UInt8]
    var text: String
    var derived: Derived
  }

  private var entries: [Entry] = []
  private let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// The text and value remembered for exactly these bytes.
  func find(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, derived: Derived)? {
    for entry in entries where entry.bytes.count == bytes.count {
      let same = entry.bytes.withUnsafeBufferPointer {
        HeaderLiteral.equal($0.baseAddress, bytes.baseAddress, bytes.count)
      }
      if same { return (entry.text, entry.derived) }
    }
    return nil
  }

  /// Remembers `text`, made from `bytes`, and what was derived from it.
  mutating func remember(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String, _ derived: Derived) {
    if entries.count == capacity { entries.removeFirst() }
    entries.append(Entry(bytes: Array(bytes), text: text, derived: derived))
  }

  /// The text of `bytes`: a remembered one, or a new one remembered now.
  mutating func text(for bytes: UnsafeBufferPointer<UInt8>) -> String where Derived == Void {
    if let found = find(bytes) { return found.text }
    let text = String(decoding: bytes, as: UTF8.self)
    remember(bytes, text, ())
    return text
  }
}

/// A loop's view of the routing table: the server's frozen dictionary plus
/// the paths seen recently, so a request's `:path` usually finds its
/// `String` and handler by one `memcmp` instead of an allocation and a hash.
///
/// Touched only on the owning loop's thread.
final class RouteCache {
  private let routes: [String: MethodHandler]
  private var recent = RecentTexts<MethodHandler>(capacity: 16)

  init(routes: [String: MethodHandler]) {
    self.routes = routes
  }

  /// The `:path` as a string, shared with earlier requests of the same path,
  /// and the handler registered for exactly these bytes, if any.
  func route(for bytes: UnsafeBufferPointer<UInt8>) -> (path: String, handler: MethodHandler?) {
    if let found = recent.find(bytes) { return (found.text, found.derived) }
    let path = String(decoding: bytes, as: UTF8.self)
    let handler = exactRoute(path)
    // Only registered paths are cached: unknown ones could flood the cache.
    if let handler { recent.remember(bytes, path, handler) }
    return (path, handler)
  }

  /// The handler registered for exactly these bytes: a dictionary of
  /// `String` also finds a canonically equivalent spelling (U+212A KELVIN
  /// SIGN for `K`), which is not the method's name.
  private func exactRoute(_ path: String) -> MethodHandler? {
    guard let handler = routes[path], handler.method.path.utf8.elementsEqual(path.utf8) else {
      return nil
    }
    return handler
  }
}
