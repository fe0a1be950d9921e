/// Reads one record file (CSV or JSON Lines) row by row, reporting every problem of a row to a
/// `ProblemLog` and handing on only the rows that keep every per-record rule of the schema.
final class RecordFileReader<F: RecordField> {
    private enum Source {
        case csv(CSVReader, columns: [Int?])
        case jsonLines(JSONLinesReader)
    }

    let file: InputDirectory.File
    private let source: Source
    private let problems: ProblemLog
    private let specs = F.specs
    private let index: [String: Int]
    /// The required fields, checked on every row.
    private let requiredFields = F.specs.enumerated().filter { $0.element.required }.map(\.offset)
    /// The fields of `passport_number` and `passport_country`, which go together, if this kind has them.
    private let passport: (number: Int, country: Int)?
    /// Required columns missing from the CSV header: reported once, not on every row.
    private var missingColumns = Set<Int>()
    /// Rows read, valid or not.
    @exclusivity(unchecked) private(set) var rowsRead = 0
    /// The current row's values and failed fields, reused from row to row: the `FieldValues` handed
    /// out shares `values` until the caller lets go of it, before asking for the next row.
    @exclusivity(unchecked) private var values: [FieldValue?]
    @exclusivity(unchecked) private var failed: [Bool]

    /// A reader of the later part `part` of a file whose first part `first` reads (and has read
    /// the CSV header of).
    init(part: FilePart, after first: RecordFileReader<F>, problems: ProblemLog) throws(InputError) {
        file = first.file
        self.problems = problems
        // Copies with storage of their own: storage shared between threads would make its
        // reference count a point of contention on every row.
        index = Dictionary(uniqueKeysWithValues: first.index.map { ($0.key, $0.value) })
        passport = first.passport
        missingColumns = Set(first.missingColumns.map { $0 })
        values = [FieldValue?](repeating: nil, count: F.specs.count)
        failed = [Bool](repeating: false, count: F.specs.count)
        switch first.source {
        case .jsonLines:
            source = .jsonLines(try JSONLinesReader(path: file.path, part: part))
        case .csv(_, let columns):
            source = .csv(try CSVReader(path: file.path, part: part), columns: columns.map { $0 })
        }
    }

    /// A reader of a whole file, or of its first part; with `hashing` (a whole file), `digest()`
    /// gives the SHA-256 of the bytes it read.
    init(file: InputDirectory.File, part: FilePart? = nil, hashing: Bool = false, problems: ProblemLog) throws(InputError) {
        self.file = file
        self.problems = problems
        var index: [String: Int] = [:]
        for (i, spec) in F.specs.enumerated() { index[spec.name] = i }
        self.index = index
        passport = index["passport_number"].flatMap { number in index["passport_country"].map { (number, $0) } }
        values = [FieldValue?](repeating: nil, count: F.specs.count)
        failed = [Bool](repeating: false, count: F.specs.count)
        switch file.format {
        case .jsonLines:
            source = .jsonLines(try JSONLinesReader(path: file.path, part: part, hashing: hashing))
        case .csv:
            let reader = try CSVReader(path: file.path, part: part, hashing: hashing)
            var columns: [Int?] = []
            if reader.next() {
                let header = reader.row
                columns = Self.mapHeader(header, index: index, file: file.name, problems: problems)
                for (i, spec) in F.specs.enumerated() where spec.required && !columns.contains(i) {
                    missingColumns.insert(i)
                    problems.add(DataProblem(file: file.name, line: header.line, column: spec.name, columnNumber: nil,
                                             rule: "required", message: "the header has no \(spec.name) column", scope: .record))
                }
            } else {
                problems.add(DataProblem(file: file.name, line: 1, column: nil, columnNumber: nil, rule: "empty-file",
                                         message: "the file is empty; a CSV file starts with a header row naming its columns",
                                         scope: .record))
            }
            source = .csv(reader, columns: columns)
        }
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
        guard case .csv(_, let columns) = source, let i = index[name] else { return nil }
        return columns.firstIndex(of: i).map { $0 + 1 }
    }

    /// The next row that keeps every per-record rule; rows with problems are reported and skipped.
    func next() -> FieldValues<F>? {
        while true {
            switch source {
            case .csv(let reader, let columns):
                guard reader.next() else { return nil }
                rowsRead += 1
                if let values = decode(csv: reader.row, columns: columns) { return values }
            case .jsonLines(let reader):
                guard let line = reader.next() else { return nil }
                rowsRead += 1
                if let values = decode(json: line) { return values }
            }
        }
    }

    /// Throws if reading stopped on an I/O error.
    /// The SHA-256 of the file's bytes, once read to its end; nil when not hashing.
    func digest() -> String? {
        switch source {
        case .csv(let reader, _): reader.digest()
        case .jsonLines(let reader): reader.digest()
        }
    }

    func checkReadError() throws(InputError) {
        switch source {
        case .csv(let r, _): try r.checkReadError()
        case .jsonLines(let r): try r.checkReadError()
        }
    }

    private func report(_ line: Int, _ field: Int?, number: Int?, _ v: FieldViolation) {
        problems.add(DataProblem(file: file.name, line: line, column: field.map { specs[$0].name }, columnNumber: number,
                                 rule: v.rule, message: v.message, scope: .record))
    }

    private func decode(csv row: CSVRow, columns: [Int?]) -> FieldValues<F>? {
        var ok = true
        for (n, v) in row.problems {
            report(row.line, n - 1 < columns.count ? columns[n - 1] : nil, number: n, v)
            ok = false
        }
        guard row.fieldCount == columns.count else {
            report(row.line, nil, number: nil, FieldViolation(
                rule: "column-count", message: "has \(row.fieldCount) fields; the header has \(columns.count)"))
            return nil
        }
        clearRow()
        for n in row.ranges.indices {
            guard let i = columns[n] else { continue }
            if !row.problems.isEmpty, row.problems.contains(where: { $0.field == n + 1 }) { failed[i] = true; continue }
            guard !row.ranges[n].isEmpty else { continue }
            switch row.withField(n, { specs[i].type.decode(csv: $0) }) {
            case .success(let v): values[i] = v
            case .failure(let v): report(row.line, i, number: n + 1, v); ok = false; failed[i] = true
            }
        }
        return finish(line: row.line, ok: ok) { columns.firstIndex(of: $0).map { $0 + 1 } }
    }

    private func decode(json line: JSONLine) -> FieldValues<F>? {
        let object: [String: JSONValue]
        switch line.result {
        case .failure(let v):
            report(line.line, nil, number: nil, v)
            return nil
        case .success(let o):
            object = o
        }
        var ok = true
        clearRow()
        for key in object.keys.sorted() {
            guard let i = index[key] else {
                problems.add(DataProblem(file: file.name, line: line.line, column: nil, columnNumber: nil,
                                         rule: "additionalProperties",
                                         message: "has a property that is not in the contract (names are lower case, e.g. record_id)",
                                         scope: .record))
                ok = false
                continue
            }
            switch specs[i].type.decode(json: object[key]!) {
            case nil: break
            case .success(let v)?: values[i] = v
            case .failure(let v)?: report(line.line, i, number: nil, v); ok = false; failed[i] = true
            }
        }
        return finish(line: line.line, ok: ok) { _ in nil }
    }

    /// Rules across the fields of one record: required fields, and passport number with country.
    private func clearRow() {
        values.withUnsafeMutableBufferPointer { $0.update(repeating: nil) }
        failed.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
    }

    private func finish(line: Int, ok: Bool, number: (Int) -> Int?) -> FieldValues<F>? {
        var ok = ok
        for i in requiredFields where values[i] == nil && !missingColumns.contains(i) {
            if !failed[i] {
                report(line, i, number: number(i), FieldViolation(rule: "required", message: "is required"))
            }
            ok = false
        }
        if let (number, country) = passport, !failed[number], !failed[country], (values[number] == nil) != (values[country] == nil) {
            let missing = values[number] == nil ? number : country
            report(line, missing, number: nil, FieldViolation(
                rule: "dependentRequired", message: "passport_number and passport_country go together: give both or neither"))
            ok = false
        }
        return ok && missingColumns.isEmpty ? FieldValues(line: line, values: values) : nil
    }
}
