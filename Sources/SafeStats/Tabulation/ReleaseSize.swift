/// How large a release will be, known before a single record is read: the cells of each table
/// (the product of its dimensions' categories, each with its total, filters included) over every
/// period and period atom it is counted for, and of the unpublished cubes that link tables by
/// levels of one hierarchy (see `TabulationPlan`). A block is what secondary suppression solves one
/// linear program over, and the release is what the audit and the certificate cover, so these
/// counts bound the protection's size: memory and time grow with them (see the README's
/// *Limits of size*).
///
/// A table beyond `tableLimit` cells, or a release beyond `releaseLimit`, is refused before
/// anything is counted: citizenship × country of exploitation × age band × sex is 3.5 million
/// cells a period, which took 7 GB and then aborted. Measured (release build, two cores): a table
/// of 30,480 cells took 13 s and 175 MB, four tables of 99,000 cells together 43 s and 400 MB,
/// so the limits keep a release within about 1 GiB; the largest built-in table, GRETA's victims
/// by nationality, is 759 cells a period.
public struct ReleaseSize: Sendable, Equatable {
    /// Most cells of one table with all its periods and atoms (or of one link between tables).
    public static let tableLimit = 50_000
    /// Most cells of a whole release (every table and link, every period and atom).
    public static let releaseLimit = 200_000

    /// One table, or one link between two tables (`link`), as counted.
    public struct Block: Sendable, Equatable {
        /// The table's id (`profile/table`); of a link, the first of the two tables.
        public let table: String
        public let link: Bool
        /// Categories + 1 (the total) of each dimension of each cube.
        public let sizes: [[Int]]
        /// Periods and atoms the block is counted for.
        public let periods: Int
        /// Cells, at most `Int.max`.
        public let cells: Int
    }

    public let blocks: [Block]
    /// Every block's cells added up (cells that tables share are counted once per table, so this
    /// is an upper bound), at most `Int.max`.
    public let cells: Int

    /// The size of a release of `scheduled` (each table with its periods).
    public init(_ scheduled: [(spec: TableSpec, periods: [Period])]) {
        let atoms = Tabulation.atoms(of: TabulationPlan.distinct(scheduled.flatMap(\.periods)))
        blocks = TabulationPlan(scheduled).blocks.map { block in
            let sizes = block.cubes.map { $0.map { $0.categories.count + 1 } }
            let periods = block.counted(atoms).count
            let perPeriod = sizes.reduce(0) { sum, cube in Self.add(sum, cube.reduce(1, Self.multiply)) }
            return Block(table: block.spec.id, link: !block.published, sizes: sizes, periods: periods, cells: Self.multiply(perPeriod, periods))
        }
        cells = blocks.reduce(0) { Self.add($0, $1.cells) }
    }

    /// Why the release is too large to protect, if it is: the first table (or link) beyond
    /// `tableLimit`, else the release beyond `releaseLimit`. `source` names the file a table's
    /// profile (the part of its id before `/`) or table set comes from.
    public func problem(source: (String) -> String) -> TableDeclarations.Problem? {
        if let block = blocks.first(where: { $0.cells > Self.tableLimit }) {
            let owner = block.table.split(separator: "/", maxSplits: 1).first.map(String.init) ?? block.table
            let table = block.table.split(separator: "/", maxSplits: 1).last.map(String.init) ?? block.table
            let shape = block.sizes.map { $0.map(String.init).joined(separator: " × ") }.joined(separator: " + ")
            let what = block.link ? "the link of table \(table) to a table at another level of one hierarchy" : "table \(table)"
            return .init(message: "\(source(owner)): \(what) has \(Self.describe(block.cells)) cells (\(shape) categories with totals, "
                + "over \(block.periods) period\(block.periods == 1 ? "" : "s") and period atoms), more than the \(Self.describe(Self.tableLimit)) "
                + "one table may have: protecting it would exhaust memory. Use fewer or coarser dimensions (citizenship_region or citizenship "
                + "instead of citizenship_country, scope instead of exploitation_country, age_group instead of age_band), or split it into "
                + "smaller tables; nothing was read or written")
        }
        guard cells > Self.releaseLimit else { return nil }
        let largest = blocks.sorted { $0.cells > $1.cells }.prefix(3).map { "\($0.table) \(Self.describe($0.cells))" }
        return .init(message: "the release has \(Self.describe(cells)) cells over all its tables, periods and period atoms (largest: "
            + "\(largest.joined(separator: ", "))), more than the \(Self.describe(Self.releaseLimit)) one release may have: protecting it "
            + "would exhaust memory. Export fewer recipients or periods at once, or use coarser dimensions; nothing was read or written")
    }

    /// `n` with thousands separated by commas.
    static func describe(_ n: Int) -> String {
        n == Int.max ? "more than 9 × 10^18" : String(n).reversed().enumerated()
            .reduce(into: "") { s, e in s = String(e.element) + (e.offset > 0 && e.offset % 3 == 0 ? "," : "") + s }
    }

    private static func multiply(_ a: Int, _ b: Int) -> Int {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : p
    }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : s
    }
}
