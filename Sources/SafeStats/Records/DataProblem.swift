/// One problem in the input data, located by file, line and column. Never holds a field's value.
public struct DataProblem: Sendable, Equatable, CustomStringConvertible, Codable {
    /// Whether a rule concerns one record alone (the JSON Schemas' rules) or several records or files.
    public enum Scope: String, Sendable, Codable {
        case record, dataset
    }

    /// File name within the input directory, e.g. `victims.csv`.
    public let file: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public let line: Int
    /// Column name (CSV header or JSON property), when known.
    public let column: String?
    /// 1-based CSV field number, when known.
    public let columnNumber: Int?
    /// The rule broken, e.g. `enum`, `required`, `format`, `unique-record-id`.
    public let rule: String
    /// What is wrong and how to fix it, without the value.
    public let message: String
    public let scope: Scope

    enum CodingKeys: String, CodingKey {
        case file, line, column, rule, message, scope
        case columnNumber = "column_number"
    }

    public init(file: String, line: Int, column: String?, columnNumber: Int?, rule: String, message: String, scope: Scope) {
        self.file = file
        self.line = line
        self.column = column
        self.columnNumber = columnNumber
        self.rule = rule
        self.message = message
        self.scope = scope
    }

    /// `victims.csv:12:5 (sex) [enum] must be one of: ...`
    public var description: String {
        var place = "\(file):\(line)"
        if let n = columnNumber { place += ":\(n)" }
        if let c = column { place += " (\(c))" }
        return "\(place) [\(rule)] \(message)"
    }
}

/// Collects problems up to a limit, counting the rest.
public final class ProblemLog {
    /// Problems kept, in the order found.
    public private(set) var problems: [DataProblem] = []
    /// Problems found, including those past the limit.
    public private(set) var total = 0
    public let limit: Int

    public init(limit: Int = 100) {
        self.limit = max(1, limit)
    }

    public var isEmpty: Bool { total == 0 }

    func add(_ problem: DataProblem) {
        total += 1
        if problems.count < limit { problems.append(problem) }
    }

    /// Adds the problems of a part read on its own, in order, giving those that name a column but
    /// not its position the position `columnNumber` finds (CSV files).
    func absorb(_ part: ProblemLog, columnNumber: (String) -> Int?) {
        for p in part.problems {
            guard p.columnNumber == nil, let column = p.column, let n = columnNumber(column) else { add(p); continue }
            add(DataProblem(file: p.file, line: p.line, column: column, columnNumber: n, rule: p.rule,
                            message: p.message, scope: p.scope))
        }
        total += part.total - part.problems.count
    }
}
