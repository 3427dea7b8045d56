import CNGHTTP2

/// The request HEADERS of one call, packed into one buffer so that a call
/// costs a single allocation for its headers however many it has.
///
/// Each field is stored as a 2-byte name length, the name, a 2-byte value
/// length and the value; ``withNameValuePairs(_:)`` lends nghttp2 pointers
/// into the buffer, which nghttp2 copies before returning.
struct RequestHeaderBlock {
  private var bytes: [UInt8] = []
  /// The number of fields.
  private(set) var count = 0

  init(capacity: Int = 256) {
    bytes.reserveCapacity(capacity)
  }

  /// Appends one field; names must already be lowercase.
  mutating func append(_ name: some StringProtocol, _ value: some StringProtocol) {
    appendLengthPrefixed(name.utf8)
    appendLengthPrefixed(value.utf8)
    count += 1
  }

  private mutating func appendLengthPrefixed(_ text: some Collection<UInt8>) {
    let length = min(text.count, Int(UInt16.max))
    bytes.append(UInt8(truncatingIfNeeded: length >> 8))
    bytes.append(UInt8(truncatingIfNeeded: length))
    bytes.append(contentsOf: text.prefix(length))
  }

  /// Calls `body` with the fields as nghttp2 name/value pairs, valid only
  /// during the call.
  func withNameValuePairs<Result>(
    _ body: (UnsafeBufferPointer<nghttp2_nv>) -> Result
  ) -> Result {
    bytes.withUnsafeBufferPointer { buffer in
      withUnsafeTemporaryAllocation(of: nghttp2_nv.self, capacity: max(count, 1)) { fields in
        let base = UnsafeMutablePointer(mutating: buffer.baseAddress!)
        var offset = 0
        for index in 0..<count {
          let nameLength = Int(buffer[offset]) << 8 | Int(buffer[offset + 1])
          let nameStart = offset + 2
          let valueLength =
            Int(buffer[nameStart + nameLength]) << 8 | Int(buffer[nameStart + nameLength + 1])
          let valueStart = nameStart + nameLength + 2
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
