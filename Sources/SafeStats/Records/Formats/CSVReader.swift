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
    @exclusivity(unchecked) private var line = 1
    /// The current record.
    @exclusivity(unchecked) private(set) var row = CSVRow()
    /// Where the field being read starts in `row.bytes`.
    @exclusivity(unchecked) private var fieldStart = 0
    @exclusivity(unchecked) private var fieldTooLong = false
    @exclusivity(unchecked) private var finished = false
    /// Bytes that looked like the start of a BOM but were not one: they begin the first field.
    @exclusivity(unchecked) private var pending: [UInt8] = []
    /// Where a plain line's fields are cut, gathered here and handed to the row in one append.
    private let cuts: UnsafeMutableBufferPointer<Range<Int>>

    /// - Parameter part: read only this part of the file (see `FileSplitter`); parts after the
    ///   first start at a record boundary.
    init(path: String, part: FilePart? = nil, hashing: Bool = false) throws(InputError) {
        self.path = path
        file = try ByteFile(path: path, range: part?.range, hashing: hashing)
        cuts = .allocate(capacity: Self.maxStoredFields)  // after the call that can throw: no deinit runs then
        line = part?.firstLine ?? 1
        row.bytes.reserveCapacity(1024)
        if (part?.range.lowerBound ?? 0) == 0, file.peek() == 0xEF {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            while pending.count < 3, let b = file.peek(), b == bom[pending.count] {
                pending.append(b)
                _ = file.next()
            }
            if pending.count == 3 { pending = [] }
        }
    }

    deinit {
        cuts.deallocate()
    }

    /// The SHA-256 of the file's bytes, once read to its end (see `ByteFile.digest`).
    func digest() -> String? { file.digest() }

    /// Throws if the underlying read failed (an I/O error, not bad data).
    func checkReadError() throws(InputError) {
        try file.checkReadError(path: path)
    }

    /// Reads the next record into `row`; false at the end of the file.
    func next() -> Bool {
        while !finished {
            if readRecord() { return true }
        }
        return false
    }

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""),
                       lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Reads one record; false for an empty line or the end of the file.
    private func readRecord() -> Bool {
        row.reset(line: line)
        if readPlainLine() { return true }
        if pending.isEmpty {
            guard let first = file.peek() else { finished = true; return false }
            if first == Self.lf || first == Self.cr {
                _ = file.next()
                endLine(after: first)
                return false
            }
        }
        while true {
            let fieldLine = line
            fieldStart = row.bytes.count
            fieldTooLong = false
            var delimiter: UInt8?
            if pending.isEmpty && file.peek() == Self.quote {
                _ = file.next()
                delimiter = readQuoted(number: row.fieldCount + 1)
                if delimiter == nil && finished {
                    row.problems.append((row.fieldCount + 1, FieldViolation(
                        rule: "csv-syntax", message: "quoted field opened on line \(fieldLine) is never closed")))
                    row.fieldCount += 1
                    return true
                }
            } else {
                if !pending.isEmpty { append(pending); pending = [] }
                delimiter = readUnquoted(number: row.fieldCount + 1)
            }
            row.fieldCount += 1
            finishField()
            switch delimiter {
            case Self.comma?:
                continue
            case nil:
                finished = true
                return true
            case let terminator?:
                endLine(after: terminator)
                return true
            }
        }
    }

    /// The common case in one pass: a record on one LF-ended line inside the current block, without
    /// quotes or CR, each field short enough and ASCII (or valid UTF-8). Its bytes stay in the block
    /// (`row.inPlace`) and are cut at the commas. False, with nothing consumed and `row` empty, when
    /// the line is not such a record; the general path then reads it.
    private func readPlainLine() -> Bool {
        guard pending.isEmpty, let text = file.restOfLineInBlock(), !text.isEmpty else { return false }
        let count = text.count
        let raw = UnsafeRawPointer(text.baseAddress!)
        var start = 0
        var fields = 0
        // Cuts the field `start..<end`; false when it is too long or one too many.
        func endField(_ end: Int) -> Bool {
            guard end - start <= Self.maxFieldBytes, fields < Self.maxStoredFields else { return false }
            cuts[fields] = start..<end
            fields += 1
            start = end + 1
            return true
        }
        // The first and last bytes that are not ASCII, if any.
        var firstHigh = count, lastHigh = -1
        // Eight bytes at a time: a quote or CR sends the line to the general path; each comma ends a field.
        var i = 0
        while i + 8 <= count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let high = w & 0x8080_8080_8080_8080
            if high != 0 {
                if firstHigh == count { firstHigh = i + high.trailingZeroBitCount / 8 }
                lastHigh = i + (63 - high.leadingZeroBitCount) / 8
            }
            if ByteWords.equal(w, Self.quote) | ByteWords.equal(w, Self.cr) != 0 { return false }
            var commas = ByteWords.equal(w, Self.comma)
            while commas != 0 {
                guard endField(i + commas.trailingZeroBitCount / 8) else { return false }
                commas &= commas - 1
            }
            i += 8
        }
        while i < count {
            let b = text[i]
            if b >= 0x80 {
                firstHigh = min(firstHigh, i)
                lastHigh = i
            }
            if b == Self.quote || b == Self.cr { return false }
            if b == Self.comma, !endField(i) { return false }
            i += 1
        }
        guard endField(count) else { return false }
        // Commas lie between scalars, so the line is valid UTF-8 exactly when each field is, and
        // exactly when its part from the first to the last byte that is not ASCII is.
        if lastHigh >= 0, String(validating: UnsafeBufferPointer(rebasing: text[firstHigh...lastHigh]), as: UTF8.self) == nil {
            return false
        }
        row.ranges.append(contentsOf: UnsafeBufferPointer(rebasing: cuts[..<fields]))
        row.inPlace = text
        row.fieldCount = fields
        file.skip(count + 1)
        line += 1
        return true
    }

    /// Reads to the end of an unquoted field; returns the delimiter consumed (nil at EOF).
    private func readUnquoted(number: Int) -> UInt8? {
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
    /// At the end of the file inside the quotes, sets `finished` and returns nil.
    private func readQuoted(number: Int) -> UInt8? {
        while true {
            file.consume(while: { $0 != Self.quote && $0 != Self.lf && $0 != Self.cr }, into: append)
            guard let b = file.next() else {
                finished = true
                return nil
            }
            if b == Self.lf || b == Self.cr {
                append(b)
                if b == Self.cr, file.peek() == Self.lf { _ = file.next(); append(Self.lf) }
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
            return readUnquoted(number: number)
        }
    }

    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard !fieldTooLong else { return }
        if row.bytes.count - fieldStart + bytes.count > Self.maxFieldBytes { tooLong(); return }
        row.bytes.append(contentsOf: bytes)
    }

    private func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    private func append(_ byte: UInt8) {
        guard !fieldTooLong else { return }
        if row.bytes.count - fieldStart + 1 > Self.maxFieldBytes { tooLong(); return }
        row.bytes.append(byte)
    }

    private func tooLong() {
        fieldTooLong = true
        row.bytes.removeSubrange(fieldStart...)
    }

    private func finishField() {
        let number = row.fieldCount
        if fieldTooLong {
            row.problems.append((number, FieldViolation(rule: "field-size", message: "is longer than \(Self.maxFieldBytes) bytes")))
        }
        guard row.ranges.count < Self.maxStoredFields else {
            row.bytes.removeSubrange(fieldStart...)
            return
        }
        let valid = row.bytes.withUnsafeBufferPointer { all -> Bool in
            let field = UnsafeBufferPointer(rebasing: all[fieldStart...])
            var high: UInt8 = 0
            for b in field { high |= b }
            return high < 0x80 || String(validating: field, as: UTF8.self) != nil
        }
        if !valid {
            row.problems.append((number, FieldViolation(rule: "utf-8", message: "is not valid UTF-8")))
            row.bytes.removeSubrange(fieldStart...)
        }
        row.ranges.append(fieldStart..<row.bytes.count)
    }

    /// Counts the line end just consumed; a CR takes the LF after it along.
    private func endLine(after terminator: UInt8) {
        if terminator == Self.cr, file.peek() == Self.lf { _ = file.next() }
        line += 1
    }
}
