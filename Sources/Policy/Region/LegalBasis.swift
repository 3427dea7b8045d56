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
    // suffixes have two labels.
    let name = domain.ascii.utf8
    var dotsSeen = 0
    var suffixStart: [String.Index] = []
    var index = name.endIndex
    while index > name.startIndex, dotsSeen < 2 {
      index = name.index(before: index)
      if name[index] == UInt8(ascii: ".") {
        dotsSeen += 1
        suffixStart.append(name.index(after: index))
      }
    }
    if dotsSeen < 2 { suffixStart.append(name.startIndex) }
    for start in suffixStart.reversed() {
      if let basis = table[String(domain.ascii[start...])] { return basis }
    }
    return RegionalBasis(region: .unitedStates, legalBasis: .legitimateInterest)
  }

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
