import Testing

@testable import Mail

extension DeliveryResult {
  /// The case, without its payload, for comparing outcomes in tests.
  enum Class: String {
    case delivered, transient, permanentRecipient, permanentOther, ambiguous
  }

  /// Which case this is.
  var resultClass: Class {
    switch self {
    case .delivered: return .delivered
    case .transient: return .transient
    case .permanentRecipient: return .permanentRecipient
    case .permanentOther: return .permanentOther
    case .ambiguous: return .ambiguous
    }
  }
}

/// Records an issue unless `result` is a failure of `expected` class whose
/// detail contains every one of `texts`.
func expectFailure(
  _ result: DeliveryResult, _ expected: DeliveryResult.Class, mentioning texts: String...,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(result.resultClass == expected, "\(result)", sourceLocation: sourceLocation)
  let detail = result.failureDetail ?? ""
  for text in texts {
    #expect(detail.contains(text), "detail: \(detail)", sourceLocation: sourceLocation)
  }
}
