import ClientTools

/// A table of text for people: a header row and aligned columns.
struct Table {
  /// The column titles.
  let columns: [String]
  /// The rows; each has one cell per column.
  private(set) var rows: [[String]] = []

  /// Creates an empty table with these columns.
  init(_ columns: String...) {
    self.columns = columns
  }

  /// Appends a row; missing cells are empty.
  mutating func append(_ cells: String...) {
    rows.append(cells + Array(repeating: "", count: max(0, columns.count - cells.count)))
  }

  /// The table as lines, columns two spaces apart; the last column is not padded.
  var lines: [String] {
    let all = [columns] + rows
    let widths = columns.indices.map { column in
      all.map { $0[column].count }.max() ?? 0
    }
    return all.map { row in
      row.indices.map { column in
        let cell = Self.oneLine(row[column])
        guard column < row.count - 1 else { return cell }
        return cell + String(repeating: " ", count: widths[column] - cell.count)
      }.joined(separator: "  ")
    }
  }

  /// Prints the table to standard output.
  func print() {
    for line in lines { Terminal.print(line) }
  }

  /// Cells stay on their line: control characters become spaces.
  private static func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
  }
}

/// Prints `label: value` lines with the values aligned.
func printFields(_ fields: KeyValuePairs<String, String>) {
  let width = fields.map(\.key.count).max() ?? 0
  for (label, value) in fields {
    Terminal.print(label + ":" + String(repeating: " ", count: width - label.count + 1) + value)
  }
}
