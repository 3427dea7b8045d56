/// How schema names become Swift names.
enum Names {
  /// `daily_user_count` → `dailyUserCount`, the proto3 JSON name rule.
  static func lowerCamelCase(_ name: String) -> String {
    var result = ""
    var upperNext = false
    for character in name {
      if character == "_" {
        upperNext = true
      } else if upperNext {
        result += character.uppercased()
        upperNext = false
      } else {
        result.append(character)
      }
    }
    return result
  }

  /// `oneof` names become Swift types: `kind` → `Kind`.
  static func upperCamelCase(_ name: String) -> String {
    let camel = lowerCamelCase(name)
    return camel.prefix(1).uppercased() + camel.dropFirst()
  }

  /// `NOT_SERVING` → `notServing`.
  static func enumCase(_ name: String) -> String {
    let parts = name.lowercased().split(separator: "_")
    guard let first = parts.first else { return name }
    return String(first)
      + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }
      .joined()
  }

  /// `LeadStatus` → `LEAD_STATUS_`, the prefix enum values conventionally carry.
  static func enumValuePrefix(_ enumName: String) -> String {
    var result = ""
    var previous: Character?
    for character in enumName {
      if character.isUppercase, let previous, previous.isLowercase || previous.isNumber {
        result += "_"
      }
      result += character.uppercased()
      previous = character
    }
    return result + "_"
  }

  /// `Validate` → `validate`, `ReportBounce` → `reportBounce`.
  static func method(_ name: String) -> String {
    name.prefix(1).lowercased() + name.dropFirst()
  }

  /// An integer literal as swift-format wants it: digits grouped in threes
  /// once there are seven or more.
  static func literal<T: BinaryInteger>(_ value: T) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    guard digits.count >= 7 else { return sign + digits }
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
      let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
      groups.insert(digits[start..<end], at: 0)
      end = start
    }
    return sign + groups.joined(separator: "_")
  }

  /// Wraps a Swift keyword in backticks.
  static func escaped(_ name: String) -> String {
    keywords.contains(name) ? "`\(name)`" : name
  }

  private static let keywords: Set<String> = [
    "Any", "Protocol", "Self", "Type", "as", "associatedtype", "break", "case", "catch",
    "class", "continue", "default", "defer", "deinit", "do", "else", "enum", "extension",
    "fallthrough", "false", "fileprivate", "for", "func", "guard", "if", "import", "in",
    "init", "inout", "internal", "is", "let", "nil", "open", "operator", "private",
    "protocol", "public", "repeat", "rethrows", "return", "self", "some", "static", "struct",
    "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var",
    "where", "while", "any", "await", "async", "consume", "copy", "discard", "borrowing",
    "consuming",
  ]
}
