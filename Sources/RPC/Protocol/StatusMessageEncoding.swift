/// Percent-encoding of `grpc-message`: bytes 0x20–0x7E other than `%` pass
/// through, every other byte of the UTF-8 text becomes `%XX` (uppercase).
package enum StatusMessageEncoding {
  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// Encodes a status message for the `grpc-message` trailer.
  package static func encode(_ message: String) -> String {
    var needsEncoding = false
    for byte in message.utf8 where !passesThrough(byte) {
      needsEncoding = true
      break
    }
    guard needsEncoding else { return message }

    var out: [UInt8] = []
    out.reserveCapacity(message.utf8.count * 3)
    for byte in message.utf8 {
      if passesThrough(byte) {
        out.append(byte)
      } else {
        out.append(UInt8(ascii: "%"))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0x0F)])
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes a received `grpc-message`; malformed escapes are kept as
  /// they are, as gRPC asks of decoders.
  package static func decode(_ value: some StringProtocol) -> String {
    let bytes = Array(value.utf8)
    guard bytes.contains(UInt8(ascii: "%")) else { return String(value) }

    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
        let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
      {
        out.append(high << 4 | low)
        index += 3
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private static func passesThrough(_ byte: UInt8) -> Bool {
    byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "%")
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
    default: return nil
    }
  }
}
