import OutreachAPI
import Testing
import Wire

@Suite("Decoding random and mutated input")
struct FuzzTests {
  /// Every generated message type: the golden fixtures and the Outreach API.
  static let messageTypes: [(String, any WireMessage.Type)] =
    (GoldenRegistry.messageTypes.map { ($0.key, $0.value) }
    + SchemaRegistry.messageTypes.map { ($0.key, $0.value) }).sorted { $0.0 < $1.0 }

  /// Valid encodings to mutate, so mutations reach deep into real messages.
  static let seeds: [[UInt8]] =
    GoldenCase.all.map { $0.message.serializedBytes() } + [
      nestedTree(depth: 40),
      [0x08, 0x01, 0x3B, 0x08, 0x05, 0x43, 0x44, 0x3C],
    ]

  /// Flips, inserts, deletes or overwrites a few bytes.
  static func mutate(_ bytes: [UInt8], using random: inout SplitMix64) -> [UInt8] {
    var mutated = bytes
    for _ in 0...Int.random(in: 0...3, using: &random) {
      let position = mutated.isEmpty ? 0 : Int.random(in: 0..<mutated.count, using: &random)
      switch Int.random(in: 0..<5, using: &random) {
      case 0 where !mutated.isEmpty:
        mutated[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
      case 1:
        mutated.insert(UInt8.random(in: 0...255, using: &random), at: position)
      case 2 where !mutated.isEmpty:
        mutated.remove(at: position)
      case 3 where !mutated.isEmpty:
        mutated[position] = [0x00, 0x7F, 0x80, 0xFF][Int.random(in: 0..<4, using: &random)]
      default:
        mutated = Array(mutated.prefix(position))
      }
    }
    return mutated
  }

  @Test(
    "the decoder of every generated message survives random and mutated buffers",
    arguments: messageTypes.map(\.0))
  func survives(_ name: String) {
    let type = Self.messageTypes.first { $0.0 == name }!.1
    var random = SplitMix64(
      seed: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
    var failures: [String] = []

    for round in 0..<3000 {
      let input: [UInt8]
      if round % 2 == 0 {
        let count = Int.random(in: 0...48, using: &random)
        input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      } else {
        let seed = Self.seeds[Int.random(in: 0..<Self.seeds.count, using: &random)]
        input = Self.mutate(seed, using: &random)
      }
      do {
        // Whatever decodes must re-encode (the size check traps on a
        // mismatch) and decode again.
        let message = try type.init(serializedBytes: input)
        _ = try type.init(serializedBytes: message.serializedBytes())
      } catch is WireError {
        continue
      } catch {
        failures.append("\(input): \(error)")
      }
    }

    #expect(failures.isEmpty, "non-WireError failures: \(failures.prefix(3))")
  }
}
