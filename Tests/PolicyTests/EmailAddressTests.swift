import Testing

@testable import Policy

@Suite("Email addresses")
struct EmailAddressTests {
  @Test(
    "spelling variants of one address share one canonical key",
    arguments: [
      ("Editor@Example.COM", "editor@example.com"),
      ("editor@example.com.", "editor@example.com"),
      ("  editor@example.com  ", "editor@example.com"),
      ("EDITOR@EXAMPLE.COM.", "editor@example.com"),
      ("kontakt@bücher.de", "kontakt@xn--bcher-kva.de"),
      ("kontakt@BÜCHER.DE", "kontakt@xn--bcher-kva.de"),
      ("kontakt@xn--bcher-kva.de", "kontakt@xn--bcher-kva.de"),
      ("kontakt@XN--BCHER-KVA.DE", "kontakt@xn--bcher-kva.de"),
      ("kontakt@bu\u{0308}cher.de", "kontakt@xn--bcher-kva.de"),
      ("kontakt@bücher\u{3002}de", "kontakt@xn--bcher-kva.de"),
      ("info@münchen.de", "info@xn--mnchen-3ya.de"),
      ("hola@españa.es", "hola@xn--espaa-rta.es"),
      (
        "O'Brien!#$%&*+/=?^_`{|}~-1@Mail-2.Example.CO",
        "o'brien!#$%&*+/=?^_`{|}~-1@mail-2.example.co"
      ),
      ("a@123.example.c0m", "a@123.example.c0m"),
      (" A.B@EXAMPLE.com. ", "a.b@example.com"),
    ])
  func canonicalKey(input: String, expected: String) throws {
    #expect(try EmailAddress(parsing: input).canonical == expected)
  }

  @Test(
    "composed and decomposed spellings of a local part share one canonical key, byte for byte",
    arguments: [
      ("ju\u{0308}rgen@example.de", "j\u{00FC}rgen@example.de"),
      ("JU\u{0308}RGEN@example.de", "j\u{00FC}rgen@example.de"),
      ("j\u{00DC}rgen@example.de", "j\u{00FC}rgen@example.de"),
      ("ren\u{0065}\u{0301}@example.fr", "ren\u{00E9}@example.fr"),
    ])
  func canonicalLocalPartIsComposed(input: String, expected: String) throws {
    // Storage compares bytes, where Swift's `==` would treat both forms alike.
    #expect(Array(try EmailAddress(parsing: input).canonical.utf8) == Array(expected.utf8))
  }

  @Test("delivery keeps the local part as given but uses the canonical domain")
  func deliveryAddress() throws {
    let address = try EmailAddress(parsing: "Ann.Lee+news@Bücher.DE.")
    #expect(address.address == "Ann.Lee+news@xn--bcher-kva.de")
    #expect(address.localPart == "Ann.Lee+news")
    #expect(address.canonical == "ann.lee+news@xn--bcher-kva.de")
  }

  static let rejections: [(String, AddressError.Code)] = [
    ("", AddressError.Code.empty),
    ("   ", .empty),
    ("editor.example.com", .missingAtSign),
    ("editor@example.com\r\nBcc: victim@example.com", .controlCharacter),
    ("editor@example.com\n", .controlCharacter),
    ("edi\rtor@example.com", .controlCharacter),
    ("editor\u{0}@example.com", .controlCharacter),
    ("editor@exa\tmple.com", .controlCharacter),
    ("editor@example.com\u{7F}", .controlCharacter),
    ("editor@example.com\u{85}", .controlCharacter),
    ("@example.com", .malformedLocalPart),
    (".editor@example.com", .malformedLocalPart),
    ("editor.@example.com", .malformedLocalPart),
    ("edi..tor@example.com", .malformedLocalPart),
    ("\"quoted\"@example.com", .malformedLocalPart),
    ("edi tor@example.com", .malformedLocalPart),
    ("edi(comment)tor@example.com", .malformedLocalPart),
    ("editor@", .malformedDomain),
    ("editor@localhost", .malformedDomain),
    ("editor@[192.0.2.1]", .malformedDomain),
    ("editor@192.0.2.1", .malformedDomain),
    ("editor@exa_mple.com", .malformedDomain),
    ("editor@-example.com", .malformedDomain),
    ("editor@example-.com", .malformedDomain),
    ("editor@example..com", .malformedDomain),
    ("editor@xn--zz-.com", .malformedDomain),
    ("editor@xn--abc.com", .malformedDomain),
    ("editor@XN--ABC.com", .malformedDomain),
    ("editor@example.123", .malformedDomain),
    ("editor@example.com..", .malformedDomain),
    ("editor@.example.com", .malformedDomain),
    ("editor@@example.com", .malformedLocalPart),
    ("ed@itor@example.com", .malformedLocalPart),
    ("editor@exa mple.com", .malformedDomain),
    (String(repeating: "a", count: 65) + "@example.com", .localPartTooLong),
    ("editor@" + String(repeating: "a", count: 64) + ".com", .labelTooLong),
    (
      "editor@"
        + Array(repeating: String(repeating: "a", count: 60), count: 5)
        .joined(separator: ".") + ".com", .domainTooLong
    ),
    (
      String(repeating: "a", count: 64) + "@"
        + Array(repeating: String(repeating: "b", count: 60), count: 3).joined(separator: ".")
        + ".example.com", .addressTooLong
    ),
  ]

  @Test(
    "malformed, control-laden and over-long addresses are rejected with their reason",
    arguments: rejections)
  func rejection(input: String, code: AddressError.Code) {
    let error = #expect(throws: AddressError.self) { try EmailAddress(parsing: input) }
    #expect(error?.code == code)
    let message = error?.message ?? ""
    #expect(message.unicodeScalars.allSatisfy { $0.value >= 0x20 })
  }

  @Test("the longest legal parts are accepted")
  func limits() throws {
    let local = String(repeating: "a", count: 64)
    let label = String(repeating: "b", count: 63)
    let address = try EmailAddress(parsing: "\(local)@\(label).com")
    #expect(address.localPart.count == 64)
    let domain = [label, label, label, String(repeating: "c", count: 58), "de"]
      .joined(separator: ".")
    #expect(domain.utf8.count == 253)
    #expect(try DomainName(parsing: domain).ascii == domain)
  }
}

@Suite("Punycode")
struct PunycodeTests {
  @Test(
    "encodes and decodes known labels",
    arguments: [
      ("bücher", "bcher-kva"),
      ("münchen", "mnchen-3ya"),
      ("españa", "espaa-rta"),
      ("ü", "tda"),
    ])
  func knownLabels(unicode: String, encoded: String) {
    #expect(Punycode.encode(Array(unicode.unicodeScalars)) == encoded)
    #expect(Punycode.decode(encoded).map { String(String.UnicodeScalarView($0)) } == unicode)
  }

  @Test(
    "round-trips labels in many scripts",
    arguments: ["日本語", "пример", "مثال", "ελληνικά", "a-ü-b", "ßtraße", "😀"])
  func roundTrip(label: String) throws {
    let encoded = try #require(Punycode.encode(Array(label.unicodeScalars)))
    #expect(encoded.unicodeScalars.allSatisfy { $0.isASCII })
    #expect(Punycode.decode(encoded).map { String(String.UnicodeScalarView($0)) } == label)
  }

  @Test("rejects invalid Punycode", arguments: ["!!", "a-ü", "99999999999999999"])
  func invalid(text: String) {
    #expect(Punycode.decode(text) == nil)
  }
}

@Suite("Subject lines")
struct SubjectLineTests {
  @Test("a subject is trimmed and kept otherwise as given")
  func accepted() throws {
    #expect(
      try SubjectLine.validate("  Guest Post: AI Marketing Trends ")
        == "Guest Post: AI Marketing Trends")
    #expect(try SubjectLine.validate("Grüße aus München") == "Grüße aus München")
    #expect(try SubjectLine.validate("  Grüße  ") == "Grüße")
    // A space that a combining mark attaches to is part of a character, not
    // surrounding space.
    #expect(try SubjectLine.validate(" \u{301}Hi ") == " \u{301}Hi")
    let longest = String(repeating: "ä", count: 499)
    #expect(try SubjectLine.validate(longest) == longest)
  }

  @Test(
    "empty, control-laden and over-long subjects are rejected",
    arguments: [
      "", "   ", "Hello\r\nBcc: victim@example.com", "Hello\n", "Hel\u{0}lo", "Tab\there",
      "C1\u{85}control", "Del\u{7F}ete", "Bell\u{7}", "Grüße\u{7F}",
      String(repeating: "a", count: 999),
    ])
  func rejected(subject: String) {
    #expect(throws: SubjectError.self) { try SubjectLine.validate(subject) }
  }
}
