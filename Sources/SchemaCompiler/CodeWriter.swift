/// Accumulates generated Swift source with two-space indentation.
struct CodeWriter {
  private(set) var text = ""
  private var indentation = 0

  /// Writes one line at the current indentation; an empty string writes a
  /// blank line. A statement too wide for the house format breaks after its
  /// first call's opening parenthesis, as swift-format would.
  mutating func line(_ content: String = "") {
    guard !content.isEmpty else {
      text += "\n"
      return
    }
    let leading = content.prefix(while: { $0 == " " })
    let content = content.dropFirst(leading.count)
    let indent = String(repeating: "  ", count: indentation) + leading
    if indent.count + content.count > SwiftGenerator.lineLength, !content.hasPrefix("//"),
      let open = content.firstIndex(of: "(")
    {
      let head = content[...open]
      let rest = content[content.index(after: open)...]
      text += indent + head + "\n" + indent + "  " + rest + "\n"
      return
    }
    text += indent + content + "\n"
  }

  /// Writes the elements of a multi-line collection literal, with a
  /// trailing comma after each unless there is only one.
  mutating func elements(_ items: [[String]]) {
    for item in items {
      for (index, content) in item.enumerated() {
        let isLast = index == item.count - 1
        line(content + (isLast && items.count > 1 ? "," : ""))
      }
    }
  }

  /// Writes `opening`, the body one level deeper, then `closing`.
  mutating func block(_ opening: String, closing: String = "}", _ body: (inout CodeWriter) -> Void)
  {
    line(opening)
    indentation += 1
    body(&self)
    indentation -= 1
    line(closing)
  }

  /// Writes documentation comment lines, or `fallback` when there are none.
  mutating func doc(_ comments: [String], fallback: String? = nil) {
    let lines = comments.isEmpty ? (fallback.map { [$0] } ?? []) : comments
    for comment in lines {
      line(comment.isEmpty ? "///" : "/// " + comment)
    }
  }
}
