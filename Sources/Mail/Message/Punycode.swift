import Foundation

/// Host name conversion to A-labels: Punycode (RFC 3492) with the `xn--`
/// prefix for labels that hold non-ASCII characters (RFC 5890).
enum Punycode {
  /// Converts a domain to lowercase A-labels, or returns `nil` when it is not
  /// a valid host name: empty labels, labels over 63 octets, a name over 253
  /// octets, or ASCII characters other than letters, digits and inner hyphens.
  static func asciiDomain(_ domain: String) -> String? {
    var name = domain.precomposedStringWithCanonicalMapping.lowercased()
    if name.hasSuffix(".") { name.removeLast() }
    guard !name.isEmpty else { return nil }

    var labels: [String] = []
    for label in name.split(separator: ".", omittingEmptySubsequences: false) {
      guard let ascii = asciiLabel(String(label)) else { return nil }
      labels.append(ascii)
    }
    let result = labels.joined(separator: ".")
    return result.utf8.count <= 253 ? result : nil
  }

  /// Converts one label; `nil` when it is invalid.
  private static func asciiLabel(_ label: String) -> String? {
    guard !label.isEmpty else { return nil }
    let scalars = Array(label.unicodeScalars)
    let converted: String
    if scalars.allSatisfy(\.isASCII) {
      converted = label
    } else {
      guard
        scalars.allSatisfy({
          !$0.properties.isWhitespace && $0.properties.generalCategory != .control
            && $0 != "@" && $0 != "[" && $0 != "]"
        }), let encoded = encode(scalars)
      else { return nil }
      converted = "xn--" + encoded
    }
    let isLDH = converted.unicodeScalars.allSatisfy {
      ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
    }
    guard isLDH, !converted.hasPrefix("-"), !converted.hasSuffix("-"),
      converted.utf8.count <= 63
    else { return nil }
    return converted
  }

  // Parameters from RFC 3492 §5.
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN = 128

  /// Encodes code points per RFC 3492 §6.3, or `nil` on overflow.
  static func encode(_ input: [Unicode.Scalar]) -> String? {
    var output: [UInt8] = input.filter(\.isASCII).map { UInt8($0.value) }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append(UInt8(ascii: "-")) }

    var n = initialN
    var delta = 0
    var bias = initialBias
    let codePoints = input.map { Int($0.value) }
    while handled < codePoints.count {
      let next = codePoints.filter { $0 >= n }.min()!
      let (product, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
      guard !overflow else { return nil }
      delta += product
      n = next
      for codePoint in codePoints {
        if codePoint < n { delta += 1 }
        if codePoint == n {
          var q = delta
          var k = base
          while true {
            let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
            if q < t { break }
            output.append(digit(t + (q - t) % (base - t)))
            q = (q - t) / (base - t)
            k += base
          }
          output.append(digit(q))
          bias = adapt(delta: delta, count: handled + 1, isFirst: handled == basicCount)
          delta = 0
          handled += 1
        }
      }
      delta += 1
      n += 1
    }
    return String(decoding: output, as: UTF8.self)
  }

  private static func digit(_ value: Int) -> UInt8 {
    value < 26 ? UInt8(97 + value) : UInt8(22 + value)
  }

  private static func adapt(delta: Int, count: Int, isFirst: Bool) -> Int {
    var delta = isFirst ? delta / damp : delta / 2
    delta += delta / count
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + (base - tMin + 1) * delta / (delta + skew)
  }
}
