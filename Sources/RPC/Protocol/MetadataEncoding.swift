/// How ``Metadata`` travels as HTTP/2 header fields.
package enum MetadataEncoding {
  /// Header names the transport sets or reads itself; they never appear
  /// in ``Metadata`` handed to handlers or callers.
  private static let transportHeaders: Set<String> = [
    "te", "content-type", "user-agent", "content-length", "connection", "keep-alive",
    "transfer-encoding", "upgrade", "proxy-connection", "host",
  ]

  private static let transportHeaderBytes = transportHeaders.map { Array($0.utf8) }

  /// True for pseudo-headers, `grpc-` names and the transport's own headers.
  package static func isReserved(_ name: some StringProtocol) -> Bool {
    name.utf8.withContiguousStorageIfAvailable(isReserved)
      ?? Array(name.utf8).withUnsafeBufferPointer(isReserved)
  }

  /// ``isReserved(_:)`` for a name's bytes as received: no `String` made,
  /// nothing hashed.
  package static func isReserved(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    name.first == UInt8(ascii: ":") || name.starts(with: "grpc-".utf8)
      || transportHeaderBytes.contains { $0.count == name.count && $0.elementsEqual(name) }
  }

  /// True when `name` is a valid metadata name: lowercase `[0-9a-z_.-]`.
  package static func isValidName(_ name: some StringProtocol) -> Bool {
    !name.isEmpty
      && name.utf8.allSatisfy { byte in
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
          || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
          || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
      }
  }

  /// The header value for a metadata value: binary values as unpadded base64.
  package static func headerValue(_ value: Metadata.Value) -> String {
    switch value {
    case .string(let string): string
    case .binary(let bytes): Base64.encode(bytes, padded: false)
    }
  }

  /// Decodes one received header into metadata values. A `-bin` header may
  /// hold several comma-joined base64 values, padded or not.
  ///
  /// - Returns: the values, or `nil` when a `-bin` value is not base64.
  package static func values(
    name: some StringProtocol,
    headerValue: some StringProtocol
  ) -> [Metadata.Value]? {
    guard name.hasSuffix("-bin") else { return [.string(String(headerValue))] }

    var values: [Metadata.Value] = []
    for part in headerValue.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = part.drop { $0 == " " }
      guard let bytes = Base64.decode(trimmed) else { return nil }
      values.append(.binary(bytes))
    }
    return values
  }

  /// The status a client reports when a response carries no `grpc-status`,
  /// from its HTTP status (gRPC's `doc/http-grpc-status-mapping.md`).
  package static func statusCode(forHTTPStatus status: Int) -> StatusCode {
    switch status {
    case 400: .internal
    case 401: .unauthenticated
    case 403: .permissionDenied
    case 404: .unimplemented
    case 429, 502, 503, 504: .unavailable
    default: .unknown
    }
  }
}

/// Standard base64 (RFC 4648 §4), tolerant of missing padding on input.
package enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  private static let reverse: [UInt8] = {
    var table = [UInt8](repeating: 0xFF, count: 256)
    for (index, byte) in alphabet.enumerated() {
      table[Int(byte)] = UInt8(index)
    }
    return table
  }()

  /// Encodes bytes; gRPC emits `-bin` values unpadded.
  package static func encode(_ bytes: [UInt8], padded: Bool = true) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= bytes.count {
      let chunk =
        UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
      for shift in stride(from: 18, through: 0, by: -6) {
        out.append(alphabet[Int(chunk >> UInt32(shift) & 0x3F)])
      }
      index += 3
    }
    let remaining = bytes.count - index
    if remaining > 0 {
      var chunk = UInt32(bytes[index]) << 16
      if remaining == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
      out.append(alphabet[Int(chunk >> 18 & 0x3F)])
      out.append(alphabet[Int(chunk >> 12 & 0x3F)])
      if remaining == 2 { out.append(alphabet[Int(chunk >> 6 & 0x3F)]) }
      if padded {
        out.append(contentsOf: Array(repeating: UInt8(ascii: "="), count: 3 - remaining))
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes base64 with or without `=` padding; `nil` on any other byte
  /// outside the alphabet or an impossible length.
  package static func decode(_ text: some StringProtocol) -> [UInt8]? {
    var symbols = Array(text.utf8)
    while symbols.last == UInt8(ascii: "=") { symbols.removeLast() }
    guard symbols.count % 4 != 1 else { return nil }

    var out: [UInt8] = []
    out.reserveCapacity(symbols.count * 3 / 4)
    var accumulator: UInt32 = 0
    var bits = 0
    for symbol in symbols {
      let value = reverse[Int(symbol)]
      guard value != 0xFF else { return nil }
      accumulator = accumulator << 6 | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
      }
    }
    return out
  }
}
