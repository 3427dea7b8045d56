/// Base64 for `bytes` in JSON: standard alphabet with padding on output;
/// standard or URL-safe, padded or not, on input.
enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Encodes bytes.
  static func encode(_ bytes: [UInt8]) -> String {
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var index = 0
    while index < bytes.count {
      let remaining = bytes.count - index
      let first = UInt32(bytes[index])
      let second = remaining > 1 ? UInt32(bytes[index + 1]) : 0
      let third = remaining > 2 ? UInt32(bytes[index + 2]) : 0
      let group = first << 16 | second << 8 | third
      output.append(alphabet[Int(group >> 18 & 63)])
      output.append(alphabet[Int(group >> 12 & 63)])
      output.append(remaining > 1 ? alphabet[Int(group >> 6 & 63)] : UInt8(ascii: "="))
      output.append(remaining > 2 ? alphabet[Int(group & 63)] : UInt8(ascii: "="))
      index += 3
    }
    return String(decoding: output, as: UTF8.self)
  }

  /// Decodes text, or returns `nil` when it is not base64.
  static func decode(_ text: String) -> [UInt8]? {
    var output: [UInt8] = []
    var group: UInt32 = 0
    var count = 0
    var padding = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "=") {
        padding += 1
        continue
      }
      guard padding == 0, let value = sextet(byte) else { return nil }
      group = group << 6 | UInt32(value)
      count += 1
      if count == 4 {
        output.append(UInt8(group >> 16 & 0xFF))
        output.append(UInt8(group >> 8 & 0xFF))
        output.append(UInt8(group & 0xFF))
        group = 0
        count = 0
      }
    }
    switch count {
    case 0: break
    case 2: output.append(UInt8(group >> 4 & 0xFF))
    case 3:
      output.append(UInt8(group >> 10 & 0xFF))
      output.append(UInt8(group >> 2 & 0xFF))
    default: return nil
    }
    guard padding <= 2 else { return nil }
    return output
  }

  private static func sextet(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): byte - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"), UInt8(ascii: "-"): 62
    case UInt8(ascii: "/"), UInt8(ascii: "_"): 63
    default: nil
    }
  }
}
