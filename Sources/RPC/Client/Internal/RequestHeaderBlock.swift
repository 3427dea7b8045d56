import CNGHTTP2

/// The request HEADERS of one call, packed into one buffer so that a call
/// costs a single allocation for its headers however many it has.
///
/// Each field is stored as a 4-byte name length, the name, a 4-byte value
/// length and the value (lengths in native byte order); ``withNameValuePairs(_:)`` lends nghttp2 pointers
/// into the buffer, which nghttp2 copies before returning.
struct RequestHeaderBlock {
  private var bytes: [UInt8] = []
  /// The number of fields.
  private(set) var count = 0

  init(capacity: Int = 256) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends one field; names must already be lowercase.
  mutating func append(_ name: String, _ value: String) {
    appendLengthPrefixed(name)
    appendLengthPrefixed(value)
    count += 1
  }

  /// Appends every field of `other`.
  mutating func append(contentsOf other: RequestHeaderBlock) {
    bytes.append(contentsOf: other.bytes)
    count += other.count
  }

  /// Appends `:path` for a method, `/<service>/<method>`, without building
  /// the path as a string first.
  mutating func appendPath(of method: MethodDescriptor) {
    appendLengthPrefixed(":path")
    appendLength(method.service.utf8.count + method.method.utf8.count + 2)
    bytes.append(UInt8(ascii: "/"))
    appendUTF8(method.service)
    bytes.append(UInt8(ascii: "/"))
    appendUTF8(method.method)
    count += 1
  }

  private mutating func appendLengthPrefixed(_ text: String) {
    appendLength(text.utf8.count)
    appendUTF8(text)
  }

  private mutating func appendLength(_ length: Int) {
    withUnsafeBytes(of: UInt32(truncatingIfNeeded: length)) { bytes.append(contentsOf: $0) }
  }

  /// Copies the UTF-8 bytes, in one block for native strings.
  private mutating func appendUTF8(_ text: String) {
    let copied: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
      bytes.append(contentsOf: utf8)
    }
    if copied == nil { bytes.append(contentsOf: text.utf8) }
  }

  /// Calls `body` with the fields as nghttp2 name/value pairs, valid only
  /// during the call.
  func withNameValuePairs<Result>(
    _ body: (UnsafeBufferPointer<nghttp2_nv>) -> Result
  ) -> Result {
    bytes.withUnsafeBufferPointer { buffer in
      withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: max(count, 1)) { fields in
        let base = UnsafeMutablePointer(mutating: buffer.baseAddress!)
        let raw = UnsafeRawBufferPointer(buffer)
        var offset = 0
        for index in 0..<count {
          let nameLength = Int(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
          let nameStart = offset + 4
          let valueLength = Int(
            raw.loadUnaligned(fromByteOffset: nameStart + nameLength, as: UInt32.self))
          let valueStart = nameStart + nameLength + 4
          fields[index] = nghttp2_nv(
            name: base + nameStart, value: base + valueStart, namelen: nameLength,
            valuelen: valueLength, flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
          offset = valueStart + valueLength
        }
        return body(UnsafeBufferPointer(rebasing: fields[0..<count]))
      }
    }
  }
}
