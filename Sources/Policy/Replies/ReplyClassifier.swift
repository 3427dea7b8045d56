import Foundation

/// What a reply to an outreach email says, as far as suppression cares.
public enum ReplyClassification: String, Sendable, Hashable, CaseIterable {
  /// The recipient asks to be removed or unsubscribed.
  case removalRequest = "removal_request"
  /// The recipient declines.
  case notInterested = "not_interested"
  /// An automatic absence notice.
  case outOfOffice = "out_of_office"
  /// Anything else.
  case ordinary

  /// The suppression a reply of this kind triggers, if any.
  public var suppressionSource: SuppressionSource? {
    switch self {
    case .removalRequest: .unsubscribe
    case .notInterested: .notInterested
    case .outOfOffice, .ordinary: nil
    }
  }
}

/// Classifies reply text in English, German, French and Spanish by phrase.
///
/// Only the replier's own words count: lines quoted with `>` and everything
/// from a quote header (`On … wrote:`, `Am … schrieb:`, `Le … a écrit :`,
/// `El … escribió:`, `-----Original Message-----`, `From: … @…`) onward are
/// ignored. Text is compared without case or diacritics. Removal requests win
/// over "not interested", which wins over out-of-office: when a reply could be
/// either, the choice that sends less mail is taken. A removal phrase right
/// after a negation (`do not unsubscribe me`) does not count.
public enum ReplyClassifier {
  /// Classifies `text`.
  public static func classify(_ text: String) -> ReplyClassification {
    let words = " " + fold(ownWords(of: text)) + " "
    if contains(anyOf: removalPhrases, in: words, allowingNegation: false) {
      return .removalRequest
    }
    if contains(anyOf: notInterestedPhrases, in: words, allowingNegation: true) {
      return .notInterested
    }
    if contains(anyOf: outOfOfficePhrases, in: words, allowingNegation: true) {
      return .outOfOffice
    }
    return .ordinary
  }

  private static let removalPhrases = folded([
    "unsubscribe", "remove me", "please remove", "take me off", "off your list",
    "off your mailing list", "stop emailing me", "stop sending me", "stop contacting me",
    "do not contact me", "don't contact me", "do not email me", "don't email me", "opt me out",
    "opt out",
    "bitte entfernen", "entfernen sie mich", "abmelden", "melden sie mich ab", "austragen",
    "tragen sie mich aus", "keine weiteren e-mails", "keine e-mails mehr",
    "kontaktieren sie mich nicht", "nicht mehr kontaktieren",
    "désinscrire", "désinscrivez-moi", "désabonner", "désabonnez-moi", "retirez-moi",
    "supprimez-moi", "ne me contactez plus", "ne plus me contacter",
    "darme de baja", "dame de baja", "denme de baja", "darse de baja", "eliminarme",
    "elimíname", "borrarme", "no me contacten", "no me contactes", "no me escriban más",
    "no me envíen más", "cancelar la suscripción", "cancelar suscripción",
  ])

  private static let notInterestedPhrases = folded([
    "not interested", "no thanks", "no thank you", "not for us", "we'll pass", "we will pass",
    "no interest",
    "kein interesse", "nicht interessiert", "nein danke",
    "pas intéressé", "pas intéressée", "pas intéressés", "non merci",
    "ne m'intéresse pas", "ne nous intéresse pas",
    "no me interesa", "no nos interesa", "no estoy interesado", "no estoy interesada",
    "no estamos interesados", "no gracias",
  ])

  private static let outOfOfficePhrases = folded([
    "out of office", "out of the office", "away from the office", "automatic reply",
    "auto-reply", "autoreply", "on vacation", "on holiday", "on annual leave",
    "currently away", "limited access to email",
    "abwesenheitsnotiz", "nicht im büro", "außer haus", "im urlaub", "automatische antwort",
    "abwesend",
    "absent du bureau", "absente du bureau", "hors du bureau", "réponse automatique",
    "en congé", "en vacances",
    "fuera de la oficina", "ausente de la oficina", "respuesta automática", "de vacaciones",
  ])

  /// Words that cancel a removal phrase they directly precede.
  private static let negations: Set<Substring> = ["not", "never", "nicht", "dont"]

  /// The reply without quoted lines and without the quoted message that
  /// follows a quote header.
  static func ownWords(of text: String) -> String {
    var kept: [Substring] = []
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
      if trimmed.hasPrefix(">") { continue }
      if isQuoteHeader(trimmed) { break }
      kept.append(line)
    }
    return kept.joined(separator: "\n")
  }

  /// Whether a line introduces a quoted original message.
  private static func isQuoteHeader(_ line: Substring) -> Bool {
    let words = fold(String(line))
    if words == "original message" || words.hasPrefix("original message ") { return true }
    let headerStarts = ["from:", "von:", "de:"]
    if headerStarts.contains(where: { line.lowercased().hasPrefix($0) }), line.contains("@") {
      return true
    }
    let attributions: [(String, String)] = [
      ("on ", " wrote"), ("am ", " schrieb"), ("le ", " a ecrit"), ("el ", " escribio"),
    ]
    // Attributions end with a colon; requiring it spares the replier's own sentences.
    guard line.trimmingCharacters(in: .whitespaces).hasSuffix(":") else { return false }
    let padded = words + " "
    return attributions.contains { padded.hasPrefix($0.0) && padded.contains($0.1 + " ") }
  }

  /// Lowercase, without diacritics, `ß` as `ss`, apostrophes dropped, every
  /// other run of non-alphanumerics as one space, no leading or trailing space.
  static func fold(_ text: String) -> String {
    let decomposed = text.lowercased().decomposedStringWithCanonicalMapping
    var output = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in decomposed.unicodeScalars {
      let properties = scalar.properties
      if properties.generalCategory == .nonspacingMark { continue }
      if scalar == "'" || scalar == "\u{2019}" { continue }
      if properties.isAlphabetic || properties.numericType != nil {
        if pendingSpace, !output.isEmpty { output.append(" ") }
        pendingSpace = false
        if scalar == "ß" {
          output.append(contentsOf: "ss".unicodeScalars)
        } else {
          output.append(scalar)
        }
      } else {
        pendingSpace = true
      }
    }
    return String(output)
  }

  private static func folded(_ phrases: [String]) -> [String] {
    phrases.map { " " + fold($0) + " " }
  }

  /// Whether any phrase occurs on word boundaries, optionally ignoring
  /// occurrences right after a negation word.
  private static func contains(
    anyOf phrases: [String], in words: String, allowingNegation: Bool
  ) -> Bool {
    for phrase in phrases {
      var searchStart = words.startIndex
      while let range = words.range(of: phrase, range: searchStart..<words.endIndex) {
        if allowingNegation { return true }
        let previousWord = words[..<range.lowerBound].split(separator: " ").last
        if let previousWord, negations.contains(previousWord) {
          searchStart = words.index(after: range.lowerBound)
          continue
        }
        return true
      }
    }
    return false
  }
}
