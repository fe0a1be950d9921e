/// Writes records with fixed columns as CSV (RFC 4180, LF line ends, lists `;`-separated) or as
/// JSON Lines (absent values omitted).
final class RecordWriter {
    let format: RecordFormat
    let columns: [String]
    private let sink: ByteSink
    private let jsonKeys: [String]

    /// - Parameter header: write the CSV header row (not for the later parts of a file).
    init(path: String, format: RecordFormat, columns: [String], header: Bool = true) throws(OutputError) {
        self.format = format
        self.columns = columns
        sink = try ByteSink(path: path)
        jsonKeys = columns.map { JSONText.string($0) + ":" }
        if format == .csv && header {
            sink.write(columns.map(Self.csvField).joined(separator: ","))
            sink.write(byte: 0x0A)
        }
    }

    /// Writes one record; `values` follow `columns`, nil for absent.
    /// - Parameter mark: a column whose text value's file offset to return (the text must need no
    ///   quoting or escaping, as with pseudonyms), so that it can be overwritten later.
    /// - Returns: the offset of the marked column's text, if asked for.
    @discardableResult
    func write(_ values: [FieldValue?], mark: Int? = nil) -> Int64? {
        precondition(values.count == columns.count)
        switch format {
        case .csv: return writeCSV(values, mark: mark)
        case .jsonLines: return writeJSON(values, mark: mark)
        }
    }

    func finish() throws(OutputError) {
        try sink.finish()
    }

    private func writeCSV(_ values: [FieldValue?], mark: Int?) -> Int64? {
        var marked: Int64?
        for (i, value) in values.enumerated() {
            if i > 0 { sink.write(byte: UInt8(ascii: ",")) }
            if i == mark { marked = sink.position }
            switch value {
            case nil: break
            case .text(let s)?: writeCSVField(s)
            case .list(let items)?: writeCSVField(items.joined(separator: ";"))
            case .pseudonym(let p)?: p.withHexDigits(sink.write)
            case .date(let d)?: d.withUTF8(sink.write)
            case .boolean(let b)?: sink.write(b ? "true" : "false")
            case .integer(let n)?: sink.write(String(n))
            }
        }
        sink.write(byte: 0x0A)
        return marked
    }

    private func writeJSON(_ values: [FieldValue?], mark: Int?) -> Int64? {
        var marked: Int64?
        sink.write(byte: UInt8(ascii: "{"))
        var first = true
        for (i, value) in values.enumerated() {
            guard let value else { continue }
            if !first { sink.write(byte: UInt8(ascii: ",")) }
            first = false
            sink.write(jsonKeys[i])
            if i == mark { marked = sink.position + 1 }  // after the opening quote
            switch value {
            case .text(let s): sink.write(JSONText.string(s))
            case .list(let items): sink.write("[" + items.map(JSONText.string).joined(separator: ",") + "]")
            case .date(let d): sink.write(byte: 0x22); d.withUTF8(sink.write); sink.write(byte: 0x22)
            case .pseudonym(let p): sink.write(byte: 0x22); p.withHexDigits(sink.write); sink.write(byte: 0x22)
            case .boolean(let b): sink.write(b ? "true" : "false")
            case .integer(let n): sink.write(String(n))
            }
        }
        sink.write("}\n")
        return marked
    }

    /// Writes `s` as one CSV field, quoted only when it holds `,`, `"`, CR or LF.
    private func writeCSVField(_ s: String) {
        var s = s
        s.withUTF8 { u in
            if !u.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                sink.write(u)
            } else {
                sink.write(Self.csvField(String(decoding: u, as: UTF8.self)))
            }
        }
    }

    static func csvField(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return s }
        var out = "\""
        for c in s.unicodeScalars {
            if c == "\"" { out += "\"\"" } else { out.unicodeScalars.append(c) }
        }
        return out + "\""
    }
}
