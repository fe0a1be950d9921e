/// Writes records with fixed columns as CSV (RFC 4180, LF line ends, lists `;`-separated) or as
/// JSON Lines (absent values omitted), field by field: `beginRow()`, one call per column in
/// order, `endRow()`. No intermediate row is built.
final class RecordWriter {
    let format: RecordFormat
    let columns: [String]
    private let sink: ByteSink
    private let jsonKeys: [[UInt8]]
    /// The column the next field call writes.
    @exclusivity(unchecked) private var column = 0
    /// Whether the current JSON object has a member yet.
    @exclusivity(unchecked) private var hasMember = false

    /// - Parameter header: write the CSV header row (not for the later parts of a file).
    init(path: String, format: RecordFormat, columns: [String], header: Bool = true) throws(OutputError) {
        self.format = format
        self.columns = columns
        sink = try ByteSink(path: path)
        jsonKeys = columns.map { Array((JSONText.string($0) + ":").utf8) }
        if format == .csv && header {
            sink.write(columns.map(CSVText.field).joined(separator: ","))
            sink.write(byte: 0x0A)
        }
    }

    func finish() throws(OutputError) {
        try sink.finish()
    }

    /// Bytes written so far.
    var bytesWritten: Int64 { sink.position }

    // MARK: rows

    func beginRow() {
        column = 0
        hasMember = false
        if format == .jsonLines { sink.write(byte: UInt8(ascii: "{")) }
    }

    func endRow() {
        precondition(column == columns.count, "a row must give every column")
        if format == .jsonLines { sink.write(byte: UInt8(ascii: "}")) }
        sink.write(byte: 0x0A)
    }

    /// Starts the next column's value; false (and nothing written) for an absent JSON value.
    @inline(__always)
    private func field(present: Bool) -> Bool {
        defer { column += 1 }
        switch format {
        case .csv:
            if column > 0 { sink.write(byte: UInt8(ascii: ",")) }
            return present
        case .jsonLines:
            guard present else { return false }
            if hasMember { sink.write(byte: UInt8(ascii: ",")) }
            hasMember = true
            jsonKeys[column].withUnsafeBufferPointer { sink.write($0) }
            return true
        }
    }

    func text(_ s: String?) {
        guard field(present: s != nil), let s else { return }
        writeString(s)
    }

    /// A string value: CSV quoted only when it holds `,`, `"`, CR or LF; a JSON string literal.
    private func writeString(_ s: String) {
        switch format {
        case .csv:
            var s = s
            s.withUTF8 { u in
                if CSVText.needsQuotes(u) {
                    sink.write(CSVText.field(String(decoding: u, as: UTF8.self)))
                } else {
                    sink.write(u)
                }
            }
        case .jsonLines:
            sink.write(JSONText.string(s))
        }
    }

    func code<E: RawRepresentable>(_ value: E?) where E.RawValue == String {
        guard field(present: value != nil), let value else { return }
        writeCode(value.rawValue)
    }

    /// A code's text (`[a-z_]`: nothing to quote or escape), quoted in JSON.
    private func writeCode(_ s: String) {
        writePlain { sink.write(s) }
    }

    /// Text that needs no quoting or escaping (codes, hex digits, dates), between quotes in JSON.
    /// - Returns: the file offset where the text starts.
    @discardableResult @inline(__always)
    private func writePlain(_ text: () -> Void) -> Int64 {
        if format == .jsonLines { sink.write(byte: 0x22) }
        let offset = sink.position
        text()
        if format == .jsonLines { sink.write(byte: 0x22) }
        return offset
    }

    /// A list; an empty one is written as absent.
    func list(_ items: [String]) {
        guard field(present: !items.isEmpty) else { return }
        switch format {
        case .csv:
            // Quoted as one field only when an item needs it; otherwise items go straight out.
            if items.contains(where: { CSVText.needsQuotes($0.utf8) }) {
                writeString(items.joined(separator: ";"))
                return
            }
            writeItems(items.count) { sink.write(items[$0]) }
        case .jsonLines:
            writeItems(items.count) { writeString(items[$0]) }
        }
    }

    /// A list of codes, as their raw values; an empty one is written as absent.
    func codes<E: RawRepresentable>(_ items: [E]) where E.RawValue == String {
        guard field(present: !items.isEmpty) else { return }
        writeItems(items.count) { writeCode(items[$0].rawValue) }
    }

    /// A list of pseudonyms, each as 32 hex digits; an empty one is written as absent.
    func pseudonyms(_ items: [Pseudonym]) {
        guard field(present: !items.isEmpty) else { return }
        writeItems(items.count) { i in writePlain { sink.write(count: 32, items[i].writeHexDigits) } }
    }

    /// `count` items written by `item`, separated by `;` in CSV, as a JSON array in JSON Lines.
    private func writeItems(_ count: Int, _ item: (Int) -> Void) {
        if format == .jsonLines { sink.write(byte: UInt8(ascii: "[")) }
        for i in 0..<count {
            if i > 0 { sink.write(byte: format == .csv ? UInt8(ascii: ";") : UInt8(ascii: ",")) }
            item(i)
        }
        if format == .jsonLines { sink.write(byte: UInt8(ascii: "]")) }
    }

    /// A pseudonym as 32 hex digits.
    /// - Returns: the file offset of the digits, so that they can be overwritten later.
    @discardableResult
    func pseudonym(_ p: Pseudonym?) -> Int64? {
        guard field(present: p != nil), let p else { return nil }
        return writePlain { sink.write(count: 32, p.writeHexDigits) }
    }

    func date(_ d: ISODate?) {
        guard field(present: d != nil), let d else { return }
        writePlain { sink.write(count: 10, d.writeUTF8) }
    }

    func boolean(_ b: Bool?) {
        guard field(present: b != nil), let b else { return }
        sink.write(b ? "true" : "false")
    }

    func integer(_ n: Int?) {
        guard field(present: n != nil), let n else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = n.magnitude, start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(48 + rest % 10)
                rest /= 10
            } while rest > 0
            if n < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            sink.write(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Writes one whole record of decoded values, `values` following `columns`.
    func write(_ values: [FieldValue?]) {
        precondition(values.count == columns.count)
        beginRow()
        for value in values {
            switch value {
            case nil: text(nil)
            case .text(let s)?, .code(let s, _)?: text(s)
            case .list(let items)?: list(items)
            case .codes(let positions, let codes)?: list(positions.map(codes.value))
            case .date(let d)?: date(d)
            case .boolean(let b)?: boolean(b)
            case .integer(let n)?: integer(n)
            }
        }
        endRow()
    }
}
