/// One CSV record as read: the bytes of its fields, one after another, and where each field lies.
/// The reader reuses one row; it is valid until the reader's next `next()`.
struct CSVRow {
    /// Physical line (1-based) where the record starts.
    var line = 1
    /// The stored fields' bytes, concatenated; each field is valid UTF-8.
    var bytes: [UInt8] = []
    /// When set, the fields lie in this line of the reader's block instead of in `bytes`: a record on
    /// one plain line is not copied. Valid until the reader's next `next()`, as the row is.
    var inPlace: UnsafeBufferPointer<UInt8>?
    /// Byte ranges of the stored fields (up to `CSVReader.maxStoredFields`) in `bytes`, or in `inPlace`.
    var ranges: [Range<Int>] = []
    /// The number of fields in the record, including any beyond those stored.
    var fieldCount = 0
    /// Syntax problems: field number (1-based), rule and message.
    var problems: [(field: Int, violation: FieldViolation)] = []

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        inPlace = nil
        ranges.removeAll(keepingCapacity: true)
        fieldCount = 0
        problems.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the bytes of stored field `index` (0-based).
    @inline(__always)
    func withField<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let inPlace { return body(UnsafeBufferPointer(rebasing: inPlace[ranges[index]])) }
        return bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[ranges[index]])) }
    }

    /// Calls `body` with the bytes the stored fields lie in and their ranges there.
    func withCells<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Range<Int>>) -> R) -> R {
        ranges.withUnsafeBufferPointer { ranges in
            if let inPlace { return body(inPlace, ranges) }
            return bytes.withUnsafeBufferPointer { body($0, ranges) }
        }
    }

    /// Stored field `index` as a string.
    func string(_ index: Int) -> String {
        withField(index) { String(decoding: $0, as: UTF8.self) }
    }
}
