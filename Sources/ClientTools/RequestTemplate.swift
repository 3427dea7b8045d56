/// A request written as JSON with variables that change per request:
///
/// - `{{seq}}`: the request's sequence number, from 1;
/// - `{{random_email}}`: an address at a random domain of a list, with a
///   random local part;
/// - `{{uuid}}`: a random version-4 UUID.
///
/// The text is split once; rendering joins the pieces.
public struct RequestTemplate: Sendable {
  /// One piece of the template.
  enum Piece: Sendable, Hashable {
    case text(String)
    case sequence
    case randomEmail
    case uuid
  }

  let pieces: [Piece]
  /// The domains `{{random_email}}` picks from.
  public let domains: [String]

  /// Splits `text` into literal text and variables.
  /// - Throws: ``UsageError`` for an unknown `{{name}}` or an empty domain list
  ///   when `{{random_email}}` is used.
  public init(_ text: String, domains: [String] = ["example.com"]) throws(UsageError) {
    var pieces: [Piece] = []
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      guard let close = rest[open.upperBound...].range(of: "}}") else { break }
      if open.lowerBound > rest.startIndex {
        pieces.append(.text(String(rest[..<open.lowerBound])))
      }
      let name = rest[open.upperBound..<close.lowerBound].trimmingSpaces()
      switch name {
      case "seq": pieces.append(.sequence)
      case "random_email": pieces.append(.randomEmail)
      case "uuid": pieces.append(.uuid)
      default:
        throw UsageError("unknown template variable {{\(name)}}; use seq, random_email or uuid")
      }
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty {
      pieces.append(.text(String(rest)))
    }
    if pieces.contains(.randomEmail) && domains.isEmpty {
      throw UsageError("{{random_email}} needs at least one domain")
    }
    self.pieces = pieces
    self.domains = domains
  }

  /// Whether every request is the same, so it can be encoded once.
  public var isConstant: Bool {
    pieces.allSatisfy { if case .text = $0 { true } else { false } }
  }

  /// The request text for request number `sequence`.
  public func render(sequence: Int, using generator: inout some RandomNumberGenerator) -> String {
    var output = ""
    for piece in pieces {
      switch piece {
      case .text(let text):
        output += text
      case .sequence:
        output += String(sequence)
      case .randomEmail:
        let local = String(generator.next() % 1_000_000_000_000, radix: 36)
        output += "r\(local)@\(domains[Int(generator.next() % UInt64(domains.count))])"
      case .uuid:
        output += Self.uuid(using: &generator)
      }
    }
    return output
  }

  /// A random version-4 UUID in lowercase.
  static func uuid(using generator: inout some RandomNumberGenerator) -> String {
    var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
    bytes[6] = bytes[6] & 0x0F | 0x40
    bytes[8] = bytes[8] & 0x3F | 0x80
    let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
    return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { hex[$0].joined() }.joined(
      separator: "-")
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
