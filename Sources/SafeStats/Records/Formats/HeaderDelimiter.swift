import Foundation

/// A CSV header separated by another character than the comma: spreadsheets in many languages
/// save "CSV" with semicolons (where the comma is the decimal separator), and some with tabs.
/// Read with commas, every row of such a file breaks in several ways at once (573 problems for one
/// file, and every case reference after it); it is reported once instead, with what to do.
enum HeaderDelimiter {
    /// The delimiter the header `row` is separated by, if it is not the comma: more of the contract's
    /// column `names` appear when its fields are split by `;` or a tab than as they are, at least two.
    static func other(in row: CSVRow, names: [String: Int]) -> Character? {
        let fields = row.ranges.indices.map(row.string)
        let asRead = fields.filter { names[$0] != nil }.count
        for delimiter: Character in [";", "\t"] {
            let split = fields.flatMap { $0.split(separator: delimiter, omittingEmptySubsequences: false) }
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""]) }
            let found = split.filter { names[$0] != nil }.count
            if found >= 2, found > asRead { return delimiter }
        }
        return nil
    }

    /// The message for a header separated by `delimiter`; `references`: other files' case
    /// references depend on this file (the cases file), and are not checked.
    static func hint(_ delimiter: Character, references: Bool) -> String {
        let what = delimiter == ";" ? "semicolons (;)" : "tabs"
        return "the header is separated by \(what), not commas, as spreadsheets save CSV in some languages; "
            + "no row of this file was read\(references ? " (nor the case references of the other files checked)" : ""): save it again as CSV with commas (UTF-8) — in LibreOffice "
            + "choose \"Edit filter settings\" and the field delimiter \",\"; in Excel \"CSV UTF-8 (Comma delimited)\""
    }
}
