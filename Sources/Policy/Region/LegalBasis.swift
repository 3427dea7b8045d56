/// The lawful ground under which a recipient may be contacted.
public enum LegalBasis: String, Sendable, Hashable, CaseIterable {
  /// The recipient must have agreed beforehand (GDPR and similar regimes).
  case consent
  /// Outreach rests on the sender's legitimate interest.
  case legitimateInterest = "legitimate_interest"
}

/// The region a recipient's domain places them in.
///
/// Raw values are the strings the specification's table and example response
/// use: `EU`, `UK`, `CA`, `AU/NZ` and `US` for every other domain.
public enum Region: String, Sendable, Hashable, CaseIterable {
  case europeanUnion = "EU"
  case unitedKingdom = "UK"
  case canada = "CA"
  case australiaNewZealand = "AU/NZ"
  case unitedStates = "US"
}

/// A region together with the legal basis it implies.
public struct RegionalBasis: Sendable, Hashable {
  public let region: Region
  public let legalBasis: LegalBasis

  /// Creates a pairing.
  public init(region: Region, legalBasis: LegalBasis) {
    self.region = region
    self.legalBasis = legalBasis
  }

  /// Where a domain's top-level suffix places its recipients.
  ///
  /// Suffixes match whole labels and the longest one wins, so `.co.uk` is
  /// found before `.uk`. Only `.com.au` and `.co.nz` place a domain in
  /// AU/NZ, exactly as the table lists them; any domain matching no row,
  /// `.net.au` included, reports `US` with `legitimate_interest`.
  public static func of(_ domain: DomainName) -> RegionalBasis {
    // Try the last two labels, then the last one: the table's longest
    // suffixes have two labels. Suffixes this short are small strings, so
    // the lookups allocate nothing.
    let name = domain.ascii
    let bytes = name.utf8
    guard let lastDot = bytes.lastIndex(of: UInt8(ascii: ".")) else {
      return table[name] ?? .elsewhere
    }
    let head = bytes[..<lastDot]
    let twoLabels = head.lastIndex(of: UInt8(ascii: ".")).map { bytes.index(after: $0) }
    if let basis = table[String(name[(twoLabels ?? bytes.startIndex)...])] { return basis }
    return table[String(name[bytes.index(after: lastDot)...])] ?? .elsewhere
  }

  /// Every domain the table does not name.
  static let elsewhere = RegionalBasis(region: .unitedStates, legalBasis: .legitimateInterest)

  /// The specification's table, one entry per suffix without its leading dot.
  static let table: [String: RegionalBasis] = {
    let europeanUnion = [
      "de", "fr", "it", "es", "nl", "pl", "se", "at", "be", "ch", "pt", "ie", "dk", "fi", "no",
      "cz", "gr", "hu", "ro", "bg", "hr", "sk", "si", "lt", "lv", "ee",
    ]
    let rows: [(Region, [String])] = [
      (.europeanUnion, europeanUnion),
      (.unitedKingdom, ["co.uk", "uk"]),
      (.canada, ["ca"]),
      (.australiaNewZealand, ["com.au", "co.nz"]),
    ]
    var table: [String: RegionalBasis] = [:]
    for (region, suffixes) in rows {
      for suffix in suffixes {
        table[suffix] = RegionalBasis(region: region, legalBasis: .consent)
      }
    }
    return table
  }()
}
