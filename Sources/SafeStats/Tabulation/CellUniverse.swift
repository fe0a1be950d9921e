/// Whether a cell is published, and if not, why. Outputs show every suppressed cell with the same
/// mark; the reason stays with the data officer.
public enum CellStatus: String, Sendable, Codable {
    case published
    /// A count from 1 to t−1.
    case primary
    /// Hidden so that a primary cell cannot be recomputed.
    case secondary
    /// In no table, but implied by the tables' relations (for example the presumed victims when a
    /// table counts identified victims and another counts all): unknown to an attacker, and
    /// protected like a published cell if it holds a small count.
    case unpublished

    /// Whether an attacker does not see the value.
    public var isSuppressed: Bool { self != .published }
}

/// One count of a release.
public struct Cell: Sendable, Equatable {
    public var value: Int
    public var status: CellStatus

    public init(value: Int, status: CellStatus = .published) {
        precondition(value >= 0, "counts are not negative")
        self.value = value
        self.status = status
    }
}

/// An additivity relation of a release: the cell `total` equals the sum of the cells `parts`
/// (indices into the release's cells).
public struct Additivity: Sendable, Equatable {
    public let total: Int
    public let parts: [Int]

    public init(total: Int, parts: [Int]) {
        self.total = total
        self.parts = parts
    }
}

/// The disclosure rule: counts from 1 to `threshold − 1` are suppressed, and every suppressed
/// primary cell must stay within an interval at least `width` wide for an attacker.
public struct ProtectionRule: Sendable, Equatable {
    public let threshold: Int
    public let width: Int

    /// - Parameters:
    ///   - threshold: t, default 5.
    ///   - width: p, default t.
    public init(threshold: Int = 5, width: Int? = nil) {
        precondition(threshold >= 1)
        self.threshold = threshold
        self.width = width ?? threshold
        precondition(self.width >= 0)
    }

    /// The larger threshold and the larger width of the two.
    public func strictest(with other: ProtectionRule) -> ProtectionRule {
        ProtectionRule(threshold: max(threshold, other.threshold), width: max(width, other.width))
    }

    /// Whether `value` is a small count that must not be published.
    public func isSmall(_ value: Int) -> Bool {
        value >= 1 && value < threshold
    }
}

/// The cell universe of a release: every cell of every table and period (and the cells they
/// imply), each with its key, value, status and rule, additivity relations between them (every
/// other sum follows from them), and the tables' blocks. Tabulation builds it; suppression, the
/// audit, the history and the export read it. What an attacker sees is the same universe less the
/// values of hidden cells.
public struct CellUniverse: Sendable, Equatable {
    public var cells: [Cell]
    /// The key of each cell (population, period and categories), when tabulation made the
    /// universe or a published document gave it; empty for a universe made by hand.
    public internal(set) var keys: [CellKey] = []
    /// Cell of each key.
    private(set) var keyIndex: [CellKey: Int] = [:]
    public var relations: [Additivity]
    /// Groups of cells that form one table each (with its margins); they may share cells. Secondary
    /// suppression protects a cell within its table first, which keeps its linear programs small.
    public var blocks: [[Int]]
    /// The rule of each cell (the strictest of the tables it is in); empty when one rule, given
    /// to each step, holds for every cell.
    public var rules: [ProtectionRule]
    /// Published cells whose values are out already (in earlier releases): secondary suppression
    /// must protect without hiding or moving them.
    public var fixedPublished: Set<Int> = []
    /// The weight of hiding each cell (see `CostModel`); empty for a release made without tables,
    /// whose totals then weigh as one-way margins and other cells as inner cells.
    public var weights: [Double] = []

    public init(cells: [Cell], relations: [Additivity], blocks: [[Int]] = [], rules: [ProtectionRule] = []) {
        precondition(rules.isEmpty || rules.count == cells.count, "one rule per cell")
        self.cells = cells
        self.relations = relations
        self.blocks = blocks
        self.rules = rules
    }

    /// The cell whose key is `key`, if the universe has one.
    public func cell(of key: CellKey) -> Int? { keyIndex[key] }

    /// Appends a cell with its key (tabulation); returns its index.
    mutating func append(_ cell: Cell, key: CellKey) -> Int {
        precondition(keys.count == cells.count && keyIndex[key] == nil, "one key per cell, each once")
        cells.append(cell)
        keys.append(key)
        keyIndex[key] = cells.count - 1
        return cells.count - 1
    }

    /// Sets the keys of every cell (a published document read back).
    mutating func setKeys(_ keys: [CellKey]) {
        precondition(keys.count == cells.count)
        self.keys = keys
        keyIndex = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The rule of cell `i`: its own, or `shared` when the release has none per cell.
    public func rule(of i: Int, else shared: ProtectionRule) -> ProtectionRule {
        rules.isEmpty ? shared : rules[i]
    }
}
