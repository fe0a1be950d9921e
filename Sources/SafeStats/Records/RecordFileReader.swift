/// Reads one record file (CSV or JSON Lines) row by row. A row's fields are decoded as its record
/// asks for them (`RecordRow`), straight into typed values; every problem of a row goes to a
/// `ProblemLog`, and only records whose rows keep every per-record rule of the schema are handed on.
final class RecordFileReader<F: RecordField> {
    let file: InputDirectory.File
    private let csv: CSVReader?
    private let jsonLines: JSONLinesReader?
    private let problems: ProblemLog
    fileprivate let specs = F.specs
    /// Per field, its type and CSV column (0-based, or -1 when the header has none), kept outside
    /// arrays so that decoding a field touches no reference count.
    private let types: UnsafeMutableBufferPointer<FieldType>
    private let fieldColumns: UnsafeMutableBufferPointer<Int>
    private let index: [String: Int]
    /// The required fields, checked on every row.
    private let requiredFields = F.specs.enumerated().filter { $0.element.required }.map(\.offset)
    /// The fields of `passport_number` and `passport_country`, which go together, if this kind has them.
    private let passport: (number: Int, country: Int)?
    /// Per CSV column (0-based), its field; nil for a column not in the contract or named twice.
    private let columns: [Int?]
    /// Required fields missing from the CSV header, one bit each: reported once, not on every row.
    private let missingColumns: UInt64
    /// Whether the CSV header is separated by another character than a comma (see
    /// `HeaderDelimiter`): reported once, and no row is read.
    private let wrongDelimiter: Bool
    /// Whether no row of the file can be valid because of its header (empty, a required column
    /// missing, another delimiter): the checks of other files that depend on this one are skipped.
    var headerUnusable: Bool { missingColumns != 0 || wrongDelimiter || (csv != nil && columns.isEmpty) }
    /// Rows read, valid or not.
    @exclusivity(unchecked) private(set) var rowsRead = 0

    // The current row: its line, its JSON object, and per field (one bit each) whether it was asked
    // for, found present and valid, or failed (broken, or in a CSV field with a syntax problem).
    @exclusivity(unchecked) fileprivate var line = 0
    @exclusivity(unchecked) private var object: [String: JSONValue] = [:]
    /// The current CSV row's bytes and its fields' ranges in them, while its record is built.
    @exclusivity(unchecked) private var cellBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    @exclusivity(unchecked) private var cellRanges = UnsafeBufferPointer<Range<Int>>(start: nil, count: 0)
    @exclusivity(unchecked) private var asked: UInt64 = 0
    @exclusivity(unchecked) private var present: UInt64 = 0
    @exclusivity(unchecked) private var failed: UInt64 = 0
    /// Whether the row is refused whatever its fields hold (a CSV syntax problem, a property not in the contract).
    @exclusivity(unchecked) private var broken = false
    /// The current row's field problems, reported in column order (CSV) or property order (JSON)
    /// once the record has asked for every field.
    @exclusivity(unchecked) private var violations: [(field: Int?, order: Int, key: String, violation: FieldViolation)] = []
    private let allFields: UInt64

    /// A reader of the later part `part` of a file whose first part `first` reads (and has read
    /// the CSV header of).
    init(part: FilePart, after first: RecordFileReader<F>, problems: ProblemLog) throws(InputError) {
        file = first.file
        self.problems = problems
        // Copies with storage of their own: storage shared between threads would make its
        // reference count a point of contention on every row.
        index = Dictionary(uniqueKeysWithValues: first.index.map { ($0.key, $0.value) })
        passport = first.passport
        columns = first.columns.map { $0 }
        missingColumns = first.missingColumns
        wrongDelimiter = first.wrongDelimiter
        allFields = first.allFields
        csv = first.csv == nil ? nil : try CSVReader(path: file.path, part: part)
        jsonLines = first.jsonLines == nil ? nil : try JSONLinesReader(path: file.path, part: part)
        // Allocated last: an initialiser that throws runs no deinit.
        (types, fieldColumns) = Self.fieldTables(columns: Array(first.fieldColumns))
    }

    /// A reader of a whole file, or of its first part; with `hashing` (a whole file), `digest()`
    /// gives the SHA-256 of the bytes it read.
    init(file: InputDirectory.File, part: FilePart? = nil, hashing: Bool = false, problems: ProblemLog) throws(InputError) {
        precondition(F.allCases.count <= 64, "a record kind has at most 64 fields")
        self.file = file
        self.problems = problems
        var index: [String: Int] = [:]
        for (i, spec) in F.specs.enumerated() { index[spec.name] = i }
        self.index = index
        passport = index["passport_number"].flatMap { number in index["passport_country"].map { (number, $0) } }
        allFields = F.allCases.count == 64 ? ~0 : (1 << UInt64(F.allCases.count)) - 1
        var columns: [Int?] = []
        var fieldColumns = [Int](repeating: -1, count: F.allCases.count)
        var missingColumns: UInt64 = 0
        var wrongDelimiter = false
        switch file.format {
        case .jsonLines:
            csv = nil
            jsonLines = try JSONLinesReader(path: file.path, part: part, hashing: hashing)
        case .csv:
            let reader = try CSVReader(path: file.path, part: part, hashing: hashing)
            csv = reader
            jsonLines = nil
            let hasHeader = reader.next()
            if hasHeader, let delimiter = HeaderDelimiter.other(in: reader.row, names: index) {
                wrongDelimiter = true
                columns = [nil]
                problems.add(DataProblem(file: file.name, line: reader.row.line, column: nil, columnNumber: nil, rule: "csv-syntax",
                                         message: HeaderDelimiter.hint(delimiter, references: file.kind == .cases), scope: .record))
            } else if hasHeader {
                let header = reader.row
                columns = Self.mapHeader(header, index: index, file: file.name, problems: problems)
                for (column, field) in columns.enumerated() { if let field { fieldColumns[field] = column } }
                for (i, spec) in F.specs.enumerated() where spec.required && fieldColumns[i] < 0 {
                    missingColumns |= 1 << UInt64(i)
                    problems.add(DataProblem(file: file.name, line: header.line, column: spec.name, columnNumber: nil, rule: "required",
                                             message: "the header has no \(spec.name) column, so no row can be read"
                                                + (file.kind == .cases ? "; the case references of the other files are not checked until it is fixed" : ""),
                                             scope: .record))
                }
            } else {
                problems.add(DataProblem(file: file.name, line: 1, column: nil, columnNumber: nil, rule: "empty-file",
                                         message: "the file is empty; a CSV file starts with a header row naming its columns",
                                         scope: .record))
            }
        }
        self.columns = columns
        self.missingColumns = missingColumns
        self.wrongDelimiter = wrongDelimiter
        (types, self.fieldColumns) = Self.fieldTables(columns: fieldColumns)
    }

    deinit {
        types.deinitialize()
        types.deallocate()
        fieldColumns.deallocate()
    }

    private static func fieldTables(columns: [Int]) -> (UnsafeMutableBufferPointer<FieldType>, UnsafeMutableBufferPointer<Int>) {
        let types = UnsafeMutableBufferPointer<FieldType>.allocate(capacity: F.specs.count)
        _ = types.initialize(from: F.specs.map(\.type))
        let fieldColumns = UnsafeMutableBufferPointer<Int>.allocate(capacity: columns.count)
        _ = fieldColumns.initialize(from: columns)
        return (types, fieldColumns)
    }

    private static func mapHeader(_ header: CSVRow, index: [String: Int], file: String, problems: ProblemLog) -> [Int?] {
        for (n, v) in header.problems {
            problems.add(DataProblem(file: file, line: header.line, column: nil, columnNumber: n, rule: v.rule,
                                     message: "header: " + v.message, scope: .record))
        }
        var columns: [Int?] = []
        var seen = Set<Int>()
        for n in header.ranges.indices {
            let name = header.string(n)
            guard let i = index[name] else {
                problems.add(DataProblem(file: file, line: header.line, column: nil, columnNumber: n + 1,
                                         rule: "additionalProperties",
                                         message: "the header names a column that is not in the contract (names are lower case, e.g. record_id)",
                                         scope: .record))
                columns.append(nil)
                continue
            }
            if !seen.insert(i).inserted {
                problems.add(DataProblem(file: file, line: header.line, column: name, columnNumber: n + 1,
                                         rule: "duplicate-column", message: "the header names this column twice",
                                         scope: .record))
                columns.append(nil)
                continue
            }
            columns.append(i)
        }
        if header.fieldCount > header.ranges.count {
            problems.add(DataProblem(file: file, line: header.line, column: nil, columnNumber: nil, rule: "column-count",
                                     message: "the header has \(header.fieldCount) columns; the contract has \(index.count)",
                                     scope: .record))
        }
        return columns
    }

    /// The 1-based CSV column of field `name`, if this is a CSV file whose header has it.
    func columnNumber(of name: String) -> Int? {
        guard csv != nil, let i = index[name], fieldColumns[i] >= 0 else { return nil }
        return fieldColumns[i] + 1
    }

    /// The record `build` makes of the next row that keeps every per-record rule; rows with
    /// problems are reported and skipped. `build` must ask for every field of the row once.
    func next<R>(_ build: (RecordRow<F>) -> R) -> R? {
        guard !wrongDelimiter else { return nil }
        while let usable = beginRow() {
            guard usable else { continue }
            let record: R
            if let csv {
                record = csv.row.withCells { bytes, ranges in
                    (cellBytes, cellRanges) = (bytes, ranges)
                    defer { (cellBytes, cellRanges) = (UnsafeBufferPointer(start: nil, count: 0), UnsafeBufferPointer(start: nil, count: 0)) }
                    return build(RecordRow(reader: .passUnretained(self)))
                }
            } else {
                record = build(RecordRow(reader: .passUnretained(self)))
            }
            if finishRow() { return record }
        }
        return nil
    }

    /// The next row that keeps every per-record rule, as decoded values.
    func next() -> FieldValues<F>? {
        next { row in FieldValues(line: row.line, values: F.allCases.map(row.value)) }
    }

    /// Throws if reading stopped on an I/O error.
    func checkReadError() throws(InputError) {
        try csv?.checkReadError()
        try jsonLines?.checkReadError()
    }

    /// The SHA-256 of the file's bytes, once read to its end; nil when not hashing.
    func digest() -> String? {
        csv?.digest() ?? jsonLines?.digest()
    }

    private func report(_ field: Int?, number: Int?, _ v: FieldViolation) {
        problems.add(DataProblem(file: file.name, line: line, column: field.map { specs[$0].name }, columnNumber: number,
                                 rule: v.rule, message: v.message, scope: .record))
    }

    /// Reads the next row and reports what is wrong with it as a whole; nil at the end of the
    /// file, false when its fields cannot be read.
    private func beginRow() -> Bool? {
        asked = 0
        present = 0
        failed = 0
        broken = false
        if !violations.isEmpty { violations.removeAll(keepingCapacity: true) }
        if let csv {
            guard csv.next() else { return nil }
            rowsRead += 1
            line = csv.row.line
            if !csv.row.problems.isEmpty {
                for (n, v) in csv.row.problems {
                    let field = n - 1 < columns.count ? columns[n - 1] : nil
                    report(field, number: n, v)
                    if let field { failed |= 1 << UInt64(field) }
                }
                broken = true
            }
            guard csv.row.fieldCount == columns.count else {
                report(nil, number: nil, FieldViolation(
                    rule: "column-count", message: "has \(csv.row.fieldCount) fields; the header has \(columns.count)"))
                return false
            }
            return true
        }
        guard let jsonLines, let row = jsonLines.next() else { return nil }
        rowsRead += 1
        line = row.line
        switch row.result {
        case .failure(let v):
            report(nil, number: nil, v)
            return false
        case .success(let o):
            object = o
        }
        for key in object.keys where index[key] == nil {
            violations.append((nil, 0, key, FieldViolation(
                rule: "additionalProperties",
                message: "has a property that is not in the contract (names are lower case, e.g. record_id)")))
            broken = true
        }
        return true
    }

    /// Field `field` of the current row decoded by `decode`; nil when absent or broken (and reported).
    @inline(__always)
    fileprivate func decode<T>(_ field: F, _ decode: (FieldType, FieldCell) -> Result<T, FieldViolation>) -> T? {
        let f = field.rawValue
        let bit: UInt64 = 1 << UInt64(f)
        precondition(asked & bit == 0, "a record asks for each field once")
        asked |= bit
        if cellBytes.baseAddress != nil {
            let column = fieldColumns[f]
            guard column >= 0, failed & bit == 0 else { return nil }
            let range = cellRanges[column]
            guard !range.isEmpty else { return nil }
            return keep(f, decode(types[f], .csv(UnsafeBufferPointer(rebasing: cellBytes[range]))), order: column)
        }
        let key = specs[f].name
        guard let value = object[key] else { return nil }
        if case .null = value { return nil }
        return keep(f, decode(types[f], .json(value)), order: 0, key: key)
    }

    @inline(__always)
    private func keep<T>(_ f: Int, _ result: Result<T, FieldViolation>, order: Int, key: String = "") -> T? {
        switch result {
        case .success(let value):
            present |= 1 << UInt64(f)
            return value
        case .failure(let v):
            failed |= 1 << UInt64(f)
            violations.append((f, order, key, v))
            return nil
        }
    }

    /// Reports the row's field problems and checks the rules across its fields: required fields,
    /// and passport number with country. True when the row keeps every per-record rule.
    private func finishRow() -> Bool {
        precondition(asked == allFields, "a record asks for every field of its row")
        var ok = !broken && violations.isEmpty
        if !violations.isEmpty {
            let inOrder = csv != nil ? violations.sorted { $0.order < $1.order } : violations.sorted { $0.key < $1.key }
            for v in inOrder { report(v.field, number: csv != nil ? v.order + 1 : nil, v.violation) }
        }
        for i in requiredFields where present & (1 << UInt64(i)) == 0 && missingColumns & (1 << UInt64(i)) == 0 {
            if failed & (1 << UInt64(i)) == 0 {
                report(i, number: csv != nil ? fieldColumns[i] + 1 : nil, FieldViolation(rule: "required", message: "is required"))
            }
            ok = false
        }
        if let (number, country) = passport, (failed >> UInt64(number)) & 1 == 0, (failed >> UInt64(country)) & 1 == 0,
           (present >> UInt64(number)) & 1 != (present >> UInt64(country)) & 1 {
            let missing = (present >> UInt64(number)) & 1 == 0 ? number : country
            report(missing, number: nil, FieldViolation(
                rule: "dependentRequired", message: "passport_number and passport_country go together: give both or neither"))
            ok = false
        }
        return ok && missingColumns == 0
    }
}

/// The row a `RecordFileReader` stands on, its fields decoded and checked as they are asked for.
/// Valid only inside the reader's `next(_:)`.
struct RecordRow<F: RecordField>: RecordFieldSource {
    /// Not retained: the reader outlives the row, and a retain per field would cost more than decoding it.
    fileprivate let reader: Unmanaged<RecordFileReader<F>>

    var line: Int { reader._withUnsafeGuaranteedRef { $0.line } }

    @inline(__always)
    private func decode<T>(_ field: F, _ decode: (FieldType, FieldCell) -> Result<T, FieldViolation>) -> T? {
        reader._withUnsafeGuaranteedRef { $0.decode(field, decode) }
    }

    func text(_ field: F) -> String? { decode(field) { $0.decodeText($1) } }
    func date(_ field: F) -> ISODate? { decode(field) { $0.decodeDate($1) } }
    func bool(_ field: F) -> Bool? { decode(field) { $0.decodeBoolean($1) } }
    func integer(_ field: F) -> Int? { decode(field) { $0.decodeInteger($1) } }
    func list(_ field: F) -> [String] { decode(field) { $0.decodeStrings($1) } ?? [] }

    func code<E: CodeEnum>(_ field: F, as _: E.Type) -> E? {
        decode(field) { $0.decodeCode($1) }.map { E.allCases[$0] }
    }

    func codes<E: CodeEnum>(_ field: F, as _: E.Type) -> [E] {
        decode(field) { $0.decodeCodes($1, as: E.self) } ?? []
    }

    /// Field `field` as a `FieldValue`, by its type.
    func value(_ field: F) -> FieldValue? {
        switch reader._withUnsafeGuaranteedRef({ $0.specs[field.rawValue].type }) {
        case .boolean: bool(field).map(FieldValue.boolean)
        case .integer: integer(field).map(FieldValue.integer)
        case .date: date(field).map(FieldValue.date)
        case .code(let list): decode(field) { $0.decodeCode($1) }.map { .code(list.value(at: $0), index: $0) }
        case .codes(let list, _): decode(field) { $0.decodeCodePositions($1) }.map { .codes($0, of: list) }
        case .countries, .identifiers: decode(field) { $0.decodeStrings($1) }.map(FieldValue.list)
        case .text, .name, .identifier, .region, .country: text(field).map(FieldValue.text)
        }
    }
}
