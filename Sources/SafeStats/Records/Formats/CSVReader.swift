/// One CSV record as read: its fields and any syntax problems found in it.
struct CSVRow {
    /// Physical line (1-based) where the record starts.
    var line: Int
    /// The fields, up to `CSVReader.maxStoredFields`.
    var fields: [String]
    /// The number of fields in the record, including any beyond those stored.
    var fieldCount: Int
    /// Syntax problems: field number (1-based), rule and message.
    var problems: [(field: Int, violation: FieldViolation)]
}

/// A streaming RFC 4180 reader: UTF-8, optional BOM, `,` separator, `"` quoting with `""` escapes,
/// CRLF or LF line ends; empty lines are skipped.
///
/// Hostile input is bounded: a field longer than `maxFieldBytes` is reported and not kept, fields
/// past `maxStoredFields` are counted but not kept, and an unterminated quote ends the file
/// with one problem instead of reading on into memory.
final class CSVReader {
    static let maxFieldBytes = 65_536
    static let maxStoredFields = 256

    private let file: ByteFile
    let path: String
    private var line = 1
    private var field: [UInt8] = []
    private var fieldTooLong = false
    private var finished = false
    /// Set when the file ended inside a quoted field; the reader returns nothing more.
    private(set) var unterminatedQuoteLine: Int?

    /// - Parameter part: read only this part of the file (see `FileSplitter`); parts after the
    ///   first start at a record boundary.
    init(path: String, part: FilePart? = nil) throws(InputError) {
        self.path = path
        file = try ByteFile(path: path, range: part?.range)
        field.reserveCapacity(256)
        line = part?.firstLine ?? 1
        // Skip a UTF-8 byte order mark.
        if (part?.range.lowerBound ?? 0) == 0, file.peek() == 0xEF {
            var bom: [UInt8] = []
            while bom.count < 3, let b = file.peek(), b == [0xEF, 0xBB, 0xBF][bom.count] {
                bom.append(b)
                _ = file.next()
            }
            if bom.count != 3 { field = bom }  // not a BOM: those bytes start the first field
        }
    }

    /// Throws if the underlying read failed (an I/O error, not bad data).
    func checkReadError() throws(InputError) {
        if file.readError != 0 { throw InputError.readFailed(path: path, errno: file.readError) }
    }

    /// The next record, or nil at the end of the file.
    func next() -> CSVRow? {
        while !finished {
            if let row = readRecord() { return row }
        }
        return nil
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Reads one record; nil for an empty line or the end of the file.
    private func readRecord() -> CSVRow? {
        var row = CSVRow(line: line, fields: [], fieldCount: 0, problems: [])
        if field.isEmpty {
            guard let first = file.peek() else { finished = true; return nil }
            if first == Self.lf || first == Self.cr {
                _ = file.next()
                endLine(after: first)
                return nil
            }
        }
        while true {
            let fieldLine = line
            let quoted = field.isEmpty && file.peek() == Self.quote
            var delimiter: UInt8?
            if quoted {
                _ = file.next()
                delimiter = readQuoted(into: &row, number: row.fieldCount + 1)
                if unterminatedQuoteLine != nil {
                    row.problems.append((row.fieldCount + 1, FieldViolation(
                        rule: "csv-syntax", message: "quoted field opened on line \(fieldLine) is never closed")))
                    finished = true
                    row.fieldCount += 1
                    return row
                }
            } else {
                delimiter = readUnquoted(into: &row, number: row.fieldCount + 1)
            }
            row.fieldCount += 1
            finishField(into: &row)
            switch delimiter {
            case Self.comma?:
                continue
            case nil:
                finished = true
                return row
            case let terminator?:
                endLine(after: terminator)
                return row
            }
        }
    }

    /// Reads to the end of an unquoted field; returns the delimiter consumed (nil at EOF).
    private func readUnquoted(into row: inout CSVRow, number: Int) -> UInt8? {
        while true {
            file.consume(while: { $0 != Self.comma && $0 != Self.lf && $0 != Self.cr && $0 != Self.quote },
                         into: append)
            guard let b = file.next() else { return nil }
            if b == Self.quote {
                row.problems.append((number, FieldViolation(
                    rule: "csv-syntax", message: "a quote inside an unquoted field; quote the whole field and double inner quotes")))
                append(b)
                continue
            }
            return b
        }
    }

    /// Reads the rest of a quoted field after its opening quote; returns the delimiter after it.
    private func readQuoted(into row: inout CSVRow, number: Int) -> UInt8? {
        while true {
            file.consume(while: { $0 != Self.quote && $0 != Self.lf && $0 != Self.cr }, into: append)
            guard let b = file.next() else {
                unterminatedQuoteLine = row.line
                return nil
            }
            if b == Self.lf || b == Self.cr {
                if b == Self.cr, file.peek() == Self.lf { _ = file.next(); append(Self.cr); append(Self.lf) } else { append(b) }
                line += 1
                continue
            }
            // A quote: doubled, or the end of the field.
            if file.peek() == Self.quote {
                _ = file.next()
                append(Self.quote)
                continue
            }
            guard let after = file.next() else { return nil }
            if after == Self.comma || after == Self.lf || after == Self.cr { return after }
            row.problems.append((number, FieldViolation(
                rule: "csv-syntax", message: "characters after the closing quote of a quoted field")))
            append(after)
            return readUnquoted(into: &row, number: number)
        }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !fieldTooLong else { return }
        if field.count + bytes.count > Self.maxFieldBytes { fieldTooLong = true; field.removeAll(keepingCapacity: true); return }
        field.append(contentsOf: bytes)
    }

    private func append(_ byte: UInt8) {
        guard !fieldTooLong else { return }
        if field.count + 1 > Self.maxFieldBytes { fieldTooLong = true; field.removeAll(keepingCapacity: true); return }
        field.append(byte)
    }

    private func finishField(into row: inout CSVRow) {
        defer {
            field.removeAll(keepingCapacity: true)
            fieldTooLong = false
        }
        let number = row.fieldCount
        if fieldTooLong {
            row.problems.append((number, FieldViolation(
                rule: "field-size", message: "is longer than \(Self.maxFieldBytes) bytes")))
            if row.fields.count < Self.maxStoredFields { row.fields.append("") }
            return
        }
        guard row.fields.count < Self.maxStoredFields else { return }
        let text = field.withUnsafeBufferPointer { bytes -> String? in
            var high: UInt8 = 0
            for b in bytes { high |= b }
            // ASCII needs no validation; anything else must be well-formed UTF-8.
            return high < 0x80 ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }
        guard let text else {
            row.problems.append((number, FieldViolation(rule: "utf-8", message: "is not valid UTF-8")))
            row.fields.append("")
            return
        }
        row.fields.append(text)
    }

    /// Counts the line end just consumed; a CR takes the LF after it along.
    private func endLine(after terminator: UInt8) {
        if terminator == Self.cr, file.peek() == Self.lf { _ = file.next() }
        line += 1
    }
}
