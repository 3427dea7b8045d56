import CNGHTTP2

/// Header fields that the transport sends on every response, allocated
/// once and handed to nghttp2 without copying.
enum StaticHeaderFields {
  /// `:status 200` and `content-type application/grpc`.
  nonisolated(unsafe) static let responseHeaders = makeFields([
    (":status", "200"), ("content-type", "application/grpc"),
  ])
  /// `grpc-status 0`: the trailers of a successful call without metadata.
  nonisolated(unsafe) static let okTrailers = makeFields([("grpc-status", "0")])

  // The pointers above are written once here and only read afterwards, from
  // any loop thread, which is why `nonisolated(unsafe)` is sound.
  private static func makeFields(_ pairs: [(String, String)]) -> UnsafeMutableBufferPointer<
    nghttp2_nv
  > {
    let fields = UnsafeMutableBufferPointer<nghttp2_nv>.allocate(capacity: pairs.count)
    for (index, (name, value)) in pairs.enumerated() {
      fields[index] = nghttp2_nv(
        name: permanentCopy(name), value: permanentCopy(value),
        namelen: name.utf8.count, valuelen: value.utf8.count,
        flags: UInt8(NGHTTP2_NV_FLAG_NO_COPY_NAME.rawValue | NGHTTP2_NV_FLAG_NO_COPY_VALUE.rawValue)
      )
    }
    return fields
  }

  private static func permanentCopy(_ text: String) -> UnsafeMutablePointer<UInt8> {
    let bytes = Array(text.utf8)
    let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
    pointer.initialize(from: bytes, count: bytes.count)
    return pointer
  }
}

/// A header block built for one response: names and values packed into one
/// byte array, handed to nghttp2 (which copies them) as `nghttp2_nv`s.
struct HeaderFields {
  private var storage: [UInt8] = []
  private var ranges: [(name: Range<Int>, value: Range<Int>)] = []

  init() {}

  /// Appends one field; `name` must be lowercase.
  mutating func add(_ name: String, _ value: String) {
    let nameStart = storage.count
    storage.append(contentsOf: name.utf8)
    let valueStart = storage.count
    storage.append(contentsOf: value.utf8)
    ranges.append((nameStart..<valueStart, valueStart..<storage.count))
  }

  /// Appends the custom entries of `metadata`, `-bin` values base64-encoded;
  /// reserved names are dropped so a handler cannot forge transport headers.
  mutating func add(_ metadata: Metadata) {
    for entry in metadata where !MetadataEncoding.isReserved(entry.name) {
      add(entry.name, MetadataEncoding.headerValue(entry.value))
    }
  }

  var isEmpty: Bool { ranges.isEmpty }

  /// Calls `body` with the fields as an `nghttp2_nv` array valid only
  /// during the call.
  mutating func withFields<Result>(
    _ body: (UnsafePointer<nghttp2_nv>, Int) -> Result
  ) -> Result {
    let ranges = self.ranges
    if storage.isEmpty { storage.append(0) }
    return storage.withUnsafeMutableBufferPointer { bytes in
      let base = bytes.baseAddress!
      let fields = ranges.map { range in
        nghttp2_nv(
          name: base + range.name.lowerBound, value: base + range.value.lowerBound,
          namelen: range.name.count, valuelen: range.value.count,
          flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
      }
      return fields.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
    }
  }
}
