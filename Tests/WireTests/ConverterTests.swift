import Foundation
import OutreachAPI
import Testing
import Wire

@Suite("outreach wire encode and decode")
struct ConverterTests {
  static let specResponse = """
    {
      "allowed": true,
      "reason": "All checks passed",
      "legal_basis": "legitimate_interest",
      "daily_user_count": 23,
      "daily_user_limit": 100,
      "daily_domain_count": 5,
      "daily_domain_limit": 20,
      "region": "US"
    }
    """

  static let specResponseText = """
    allowed: true reason: "All checks passed" legal_basis: "legitimate_interest"
    daily_user_count: 23 daily_user_limit: 100 daily_domain_count: 5 daily_domain_limit: 20
    region: "US"
    """

  /// `protoc --encode` against the real schema.
  func protocEncode(_ messageName: String, _ text: String, file: String) throws -> [UInt8] {
    let schema = Repository.root.appendingPathComponent("schema").path
    let result = try runProcess(
      Protoc.executable, ["-I\(schema)", "--encode=\(messageName)", file], input: Array(text.utf8))
    try #require(result.status == 0, "\(result.error)")
    return result.output
  }

  @Test("encoding the spec's example response gives protoc's bytes, and decode round-trips")
  func specResponseMatchesProtoc() throws {
    let cli = Repository.executable("outreach")
    let expected = try protocEncode(
      "outreach.v1.ValidateResponse", Self.specResponseText, file: "outreach/v1/policy.proto")

    let encoded = try runProcess(
      cli, ["wire", "encode", "outreach.v1.ValidateResponse"], input: Array(Self.specResponse.utf8))
    let decoded = try runProcess(
      cli, ["wire", "decode", "outreach.v1.ValidateResponse"], input: encoded.output)
    let reencoded = try runProcess(
      cli, ["wire", "encode", "outreach.v1.ValidateResponse"], input: decoded.output)

    #expect(encoded.status == 0, "\(encoded.error)")
    #expect(encoded.output == expected)
    #expect(decoded.status == 0, "\(decoded.error)")
    #expect(reencoded.output == expected)
  }

  @Test(
    "bad input prints a clear error and exits 2",
    arguments: [
      (["wire", "encode", "outreach.v1.ValidateResponse"], #"{"allowed": "yes"}"#, "allowed"),
      (["wire", "encode", "outreach.v1.NoSuchMessage"], "{}", "unknown message type"),
      (["wire", "decode", "outreach.v1.ValidateRequest"], "\u{0A}\u{05}ab", "at byte 1"),
      (["wire", "frobnicate"], "", "usage"),
    ])
  func badInput(_ arguments: [String], _ input: String, _ mentions: String) throws {
    let result = try runProcess(
      Repository.executable("outreach"), arguments, input: Array(input.utf8))

    #expect(result.status == 2)
    #expect(result.error.contains(mentions), "\(result.error)")
  }

  @Test("the library converter agrees with the generated types")
  func libraryConverter() throws {
    let bytes = try SchemaRegistry.encode(
      messageNamed: "outreach.v1.ValidateResponse", json: Self.specResponse)

    let json = try SchemaRegistry.decode(messageNamed: "outreach.v1.ValidateResponse", bytes: bytes)

    #expect(try ValidateResponse(serializedBytes: bytes).dailyUserCount == 23)
    #expect(try ValidateResponse(jsonString: json) == ValidateResponse(serializedBytes: bytes))
  }
}
