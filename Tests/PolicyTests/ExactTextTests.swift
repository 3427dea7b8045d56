import Policy
import Testing

@Suite("Byte-exact text keys")
struct ExactTextTests {
  /// Texts of a few lengths, around the 15 bytes a `String` keeps inline.
  static let samples = [
    "", "K", "token-K", "fifteen-bytes-K", "sixteen-bytes--K", String(repeating: "K", count: 200),
  ]

  @Test("equal when the bytes are equal, however each string was made", arguments: samples)
  func sameBytes(text: String) {
    let made = [
      text, String(text.utf8.map { Character(Unicode.Scalar($0)) }),
      String(decoding: Array(text.utf8), as: UTF8.self), String(("x" + text).dropFirst()),
    ]
    for other in made {
      #expect(ExactText(text) == ExactText(other))
      #expect(ExactText(text).hashValue == ExactText(other).hashValue)
    }
  }

  @Test(
    "unequal when one byte differs or a canonically equivalent letter stands in",
    arguments: samples.filter { !$0.isEmpty })
  func otherBytes(text: String) {
    let lastChanged = String(text.dropLast()) + "k"
    let kelvin = String(text.dropLast()) + "\u{212A}"
    #expect(kelvin == text)  // as `String`s they are equal
    #expect(ExactText(lastChanged) != ExactText(text))
    #expect(ExactText(kelvin) != ExactText(text))
    #expect(ExactText(text + " ") != ExactText(text))
  }
}
