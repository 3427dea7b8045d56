import Foundation

/// Opaque page tokens: the last row id of a page, tagged with the listing it
/// belongs to, base64url-encoded. Keyset paging by id keeps pages stable
/// while rows are added or removed.
enum PageToken {
  /// The token resuming `listing` after `id`.
  static func encode(listing: String, afterID id: Int64) -> String {
    Data("\(listing):\(id)".utf8).base64EncodedString()
      .replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// The id a token resumes after, or `nil` for an empty token.
  /// - Throws: ``StoreError`` with `invalidArgument` for a token not made by
  ///   ``encode(listing:afterID:)`` for this listing.
  static func decode(_ token: String?, listing: String) throws(StoreError) -> Int64? {
    guard let token, !token.isEmpty else { return nil }
    var base64 = token.replacingOccurrences(of: "-", with: "+")
      .replacingOccurrences(of: "_", with: "/")
    base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
    guard let data = Data(base64Encoded: base64),
      let text = String(data: data, encoding: .utf8),
      text.hasPrefix(listing + ":"),
      let id = Int64(text.dropFirst(listing.count + 1))
    else {
      throw StoreError(.invalidArgument, "The page token is not valid for this listing.")
    }
    return id
  }

  /// Clamps a requested page size to 1…1000, with 100 for zero or less.
  static func pageSize(_ requested: Int) -> Int {
    requested <= 0 ? 100 : min(requested, 1_000)
  }
}
