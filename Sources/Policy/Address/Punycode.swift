/// Punycode (RFC 3492): the Bootstring encoding that turns a Unicode domain
/// label into the ASCII letters, digits and hyphens DNS carries.
///
/// Only the label body is handled here; the `xn--` prefix is added and
/// removed by ``DomainName``.
enum Punycode {
  // Bootstring parameters for Punycode (RFC 3492 section 5).
  private static let base = 36
  private static let tMin = 1
  private static let tMax = 26
  private static let skew = 38
  private static let damp = 700
  private static let initialBias = 72
  private static let initialN = 128
  /// Far beyond any DNS label; keeps the arithmetic clear of overflow.
  private static let maximumInput = 1_000

  /// Encodes Unicode scalars as a Punycode string, or `nil` when the input is
  /// too long to be a label.
  static func encode(_ input: [Unicode.Scalar]) -> String? {
    guard input.count <= maximumInput else { return nil }
    let codePoints = input.map { Int($0.value) }
    var output = codePoints.filter { $0 < 0x80 }.map { Character(Unicode.Scalar(UInt8($0))) }
    let basicCount = output.count
    var handled = basicCount
    if basicCount > 0 { output.append("-") }

    var n = initialN
    var delta = 0
    var bias = initialBias
    while handled < codePoints.count {
      // The smallest code point not yet handled comes next (section 6.3).
      let next = codePoints.filter { $0 >= n }.min()!
      delta += (next - n) * (handled + 1)
      n = next
      for codePoint in codePoints {
        if codePoint < n { delta += 1 }
        guard codePoint == n else { continue }
        var q = delta
        var k = base
        while true {
          let t = threshold(k, bias)
          if q < t { break }
          output.append(digit(t + (q - t) % (base - t)))
          q = (q - t) / (base - t)
          k += base
        }
        output.append(digit(q))
        bias = adapt(delta, pointCount: handled + 1, isFirst: handled == basicCount)
        delta = 0
        handled += 1
      }
      delta += 1
      n += 1
    }
    return String(output)
  }

  /// Decodes a Punycode string into Unicode scalars, or `nil` when it is not
  /// valid Punycode.
  static func decode(_ input: String) -> [Unicode.Scalar]? {
    let characters = Array(input.unicodeScalars)
    guard characters.count <= maximumInput, characters.allSatisfy({ $0.isASCII }) else {
      return nil
    }
    let delimiter = characters.lastIndex(of: "-")
    var output: [Int] = []
    var position = 0
    if let delimiter {
      output = characters[..<delimiter].map { Int($0.value) }
      position = delimiter + 1
    }

    var n = initialN
    var i = 0
    var bias = initialBias
    while position < characters.count {
      let oldI = i
      var weight = 1
      var k = base
      while true {
        guard position < characters.count, let value = digitValue(characters[position]) else {
          return nil
        }
        position += 1
        i += value * weight
        let t = threshold(k, bias)
        if value < t { break }
        weight *= base - t
        k += base
        guard i < 0x11_0000 * (maximumInput + 1), weight < Int(Int32.max) else { return nil }
      }
      bias = adapt(i - oldI, pointCount: output.count + 1, isFirst: oldI == 0)
      n += i / (output.count + 1)
      i %= output.count + 1
      guard n < 0x11_0000, n >= 0x80 else { return nil }
      output.insert(n, at: i)
      i += 1
    }
    let scalars = output.compactMap { Unicode.Scalar(UInt32($0)) }
    return scalars.count == output.count ? scalars : nil
  }

  /// The bias adaptation function of RFC 3492 section 6.1.
  private static func adapt(_ delta: Int, pointCount: Int, isFirst: Bool) -> Int {
    var delta = isFirst ? delta / damp : delta / 2
    delta += delta / pointCount
    var k = 0
    while delta > ((base - tMin) * tMax) / 2 {
      delta /= base - tMin
      k += base
    }
    return k + ((base - tMin + 1) * delta) / (delta + skew)
  }

  /// The threshold `t` for digit position `k`, clamped to `tMin...tMax`.
  private static func threshold(_ k: Int, _ bias: Int) -> Int {
    if k <= bias { return tMin }
    if k >= bias + tMax { return tMax }
    return k - bias
  }

  /// Digit values 0–25 are `a`–`z`, 26–35 are `0`–`9`.
  private static func digit(_ value: Int) -> Character {
    let scalar = value < 26 ? 0x61 + value : 0x30 + value - 26
    return Character(Unicode.Scalar(UInt8(scalar)))
  }

  /// The value of a Punycode digit in either case, or `nil`.
  private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
    switch scalar.value {
    case 0x30...0x39: return Int(scalar.value) - 0x30 + 26
    case 0x41...0x5A: return Int(scalar.value) - 0x41
    case 0x61...0x7A: return Int(scalar.value) - 0x61
    default: return nil
    }
  }
}
