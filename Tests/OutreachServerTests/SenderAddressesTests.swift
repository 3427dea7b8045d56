import Policy
import Testing

@testable import OutreachServer

@Suite("Sender addresses")
struct SenderAddressesTests {
  @Test("each spelling of a sender is parsed on its own, even canonically equivalent ones")
  func exactSpelling() throws {
    let senders = SenderAddresses(defaultSender: nil)
    let plain = try senders.resolve("Kim@yourdomain.com")
    // U+212A KELVIN SIGN: equal to "K" as a String, not the same address text.
    let lookalike = try senders.resolve("\u{212A}im@yourdomain.com")
    #expect(plain.address == "Kim@yourdomain.com")
    #expect(lookalike.address.unicodeScalars.first == "\u{212A}")
    #expect(try senders.resolve("Kim@yourdomain.com").address.unicodeScalars.first == "K")
    // Both still compare as the same canonical sender.
    #expect(plain.canonical == lookalike.canonical)
  }
}
