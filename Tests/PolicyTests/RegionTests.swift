import Testing

@testable import Policy

@Suite("Region and legal basis")
struct RegionTests {
  static let europeanUnionTLDs = [
    "de", "fr", "it", "es", "nl", "pl", "se", "at", "be", "ch", "pt", "ie", "dk", "fi", "no",
    "cz", "gr", "hu", "ro", "bg", "hr", "sk", "si", "lt", "lv", "ee",
  ]

  @Test("every EU TLD of the table asks for consent", arguments: europeanUnionTLDs)
  func europeanUnion(tld: String) throws {
    let basis = RegionalBasis.of(try DomainName(parsing: "example.\(tld)"))
    #expect(basis == RegionalBasis(region: .europeanUnion, legalBasis: .consent))
  }

  @Test(
    "suffix rows match whole labels, longest first, in any spelling",
    arguments: [
      ("example.co.uk", Region.unitedKingdom, LegalBasis.consent),
      ("example.uk", .unitedKingdom, .consent),
      ("example.org.uk", .unitedKingdom, .consent),
      ("news.bbc.co.uk", .unitedKingdom, .consent),
      ("EXAMPLE.CO.UK.", .unitedKingdom, .consent),
      ("example.ca", .canada, .consent),
      ("mail.example.ca", .canada, .consent),
      ("example.com.au", .australiaNewZealand, .consent),
      ("shop.example.com.au", .australiaNewZealand, .consent),
      ("example.co.nz", .australiaNewZealand, .consent),
      ("example.net.au", .unitedStates, .legitimateInterest),
      ("example.au", .unitedStates, .legitimateInterest),
      ("example.nz", .unitedStates, .legitimateInterest),
      ("example.com", .unitedStates, .legitimateInterest),
      ("example.io", .unitedStates, .legitimateInterest),
      ("example.us", .unitedStates, .legitimateInterest),
      ("de.example.com", .unitedStates, .legitimateInterest),
      ("example.den", .unitedStates, .legitimateInterest),
      ("example.couk", .unitedStates, .legitimateInterest),
      ("Sub.Example.DE.", .europeanUnion, .consent),
      ("bücher.de", .europeanUnion, .consent),
    ])
  func suffixes(domain: String, region: Region, legalBasis: LegalBasis) throws {
    let basis = RegionalBasis.of(try DomainName(parsing: domain))
    #expect(basis.region == region)
    #expect(basis.legalBasis == legalBasis)
  }

  @Test("region strings are the ones the specification shows")
  func regionStrings() {
    #expect(Region.allCases.map(\.rawValue) == ["EU", "UK", "CA", "AU/NZ", "US"])
    #expect(LegalBasis.legitimateInterest.rawValue == "legitimate_interest")
  }
}

extension RegionTests {
  @Test("no table suffix is longer than the two labels the lookup tries")
  func suffixLength() {
    #expect(RegionalBasis.table.keys.allSatisfy { $0.split(separator: ".").count <= 2 })
    #expect(RegionalBasis.table.count == 26 + 2 + 1 + 2)
  }
}
