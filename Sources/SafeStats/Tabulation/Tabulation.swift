/// Counts victims into tables and builds the release they form together: one cell universe over
/// every table and period, with additivity relations between its cells from which every other sum
/// follows.
public struct Tabulation: Sendable {
    /// A table of one period, laid out as its spec says.
    public struct Table: Sendable {
        public let spec: TableSpec
        public let period: Period
        /// Per cell: one category per dimension (nil = the dimension's total) and its index in the
        /// universe. Inner cells first, in dimension order; margins after.
        public let cells: [(categories: [String?], cell: Int)]
    }

    /// Every cell of every table and period with its key, and the relations between them.
    public private(set) var universe = CellUniverse(cells: [], relations: [])
    public private(set) var tables: [Table] = []

    /// The key of every cell of the universe.
    public var keys: [CellKey] { universe.keys }

    /// The universe's cell of `key`, if the tabulation has one.
    public func cell(of key: CellKey) -> Int? { universe.cell(of: key) }
    private var relationSet = Set<[Int]>()

    /// Tabulates the units of `input` into every table for every period.
    ///
    /// Periods may overlap (a calendar year and an April–March year) or nest (a year and its
    /// quarters): the timeline is cut into the fewest disjoint atoms of which every period is a
    /// union, each table is also counted for each atom (unpublished cells), and each period cell
    /// is related to the sum of its atoms' cells, so the links between periods are in the universe.
    /// A cell in several tables takes the strictest of their rules.
    public init(_ input: TabulationInput, tables specs: [TableSpec], periods: [Period]) {
        self.init(input, tables: specs.map { ($0, periods) })
    }

    /// Tabulates the units of `input` into every table for its own periods (recipients with
    /// different reporting periods in one release); periods are cut into atoms across all tables.
    public init(_ input: TabulationInput, tables scheduled: [(spec: TableSpec, periods: [Period])]) {
        let specs = scheduled.map(\.spec)
        precondition(TableSpec.conflict(in: specs) == nil, "tables use dimensions whose links are not modelled")
        let allPeriods = TabulationPlan.distinct(scheduled.flatMap(\.periods))
        let atoms = Self.atoms(of: allPeriods)
        let blocks = TabulationPlan(scheduled).blocks
        var datedBy: [PeriodRule: DatedUnits] = [:]
        var membersOf: [PeriodRule: [Period: [Int]]] = [:]
        for block in blocks {
            let spec = block.spec, periods = block.periods
            let atoms = block.atoms(atoms)
            if datedBy[spec.periodRule] == nil { datedBy[spec.periodRule] = DatedUnits(input, rule: spec.periodRule) }
            let units = datedBy[spec.periodRule]!
            var cellsOf: [Period: [[Int]]] = [:]  // per period or atom, per cube: the cell of each flat position
            for period in block.counted(atoms) {
                if membersOf[spec.periodRule, default: [:]][period] == nil { membersOf[spec.periodRule, default: [:]][period] = units.members(of: period) }
                let inPeriod = membersOf[spec.periodRule]![period]!
                cellsOf[period] = block.cubes.map { dimensions in
                    let (table, cellOf) = tabulate(spec, dimensions: dimensions, rule: block.rule, period: period,
                                                   units: units, members: inPeriod, published: block.published && periods.contains(period))
                    if let table { tables.append(table) }
                    return cellOf
                }
                for link in block.links {
                    addHierarchyRelations(link, fine: CubeShape(block.cubes[link.fine]), coarse: CubeShape(block.cubes[link.coarse]),
                                          cells: cellsOf[period]!)
                }
            }
            // One block per table (or link): its cubes for every period and atom, linked by the atom
            // relations of their inner cells (those of the margins follow from them and the cubes').
            universe.blocks.append(Array(Set(cellsOf.values.joined().joined())).sorted())
            for period in periods {
                let parts = atoms.filter { period.contains($0.start) }
                guard parts.count > 1 else { continue }
                for c in block.cubes.indices {
                    let shape = CubeShape(block.cubes[c])
                    for flat in cellsOf[period]![c].indices where shape.isInner(flat) {
                        addRelation(total: cellsOf[period]![c][flat], parts: parts.map { cellsOf[$0]![c][flat] })
                    }
                }
            }
        }
        // Period by period, in the order asked for; within a period, tables in spec order.
        let order = Dictionary(uniqueKeysWithValues: allPeriods.enumerated().map { ($1, $0) })
        let specOrder = Dictionary(specs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        tables.sort { (order[$0.period]!, specOrder[$0.spec.id]!) < (order[$1.period]!, specOrder[$1.spec.id]!) }
    }

    /// The elementary intervals between all period boundaries, within the periods' span.
    static func atoms(of periods: [Period]) -> [Period] {
        var cuts = Set<Int>()
        for p in periods {
            cuts.insert(p.start.daysSince1970)
            cuts.insert(p.end.daysSince1970 + 1)
        }
        let sorted = cuts.sorted()
        return zip(sorted, sorted.dropFirst()).compactMap { a, b in
            let atom = Period(start: ISODate(daysSince1970: a), end: ISODate(daysSince1970: b - 1))!
            return periods.contains { $0.contains(atom.start) } ? atom : nil
        }
    }

    /// Counts `units` into the cube of `dimensions` (the spec's filters first, then its
    /// dimensions, possibly at other levels of their hierarchies) with every margin; returns the
    /// table as published (nil unless `published`) and the release cell of each flat position.
    private mutating func tabulate(_ spec: TableSpec, dimensions: [TableDimension], rule: ProtectionRule, period: Period,
                                   units: DatedUnits, members: [Int], published: Bool) -> (table: Table?, cellOf: [Int]) {
        // Filters are leading dimensions of the cube: their other categories are implied by the
        // relations (all = presumed + identified) and must be there to be protected.
        let kept = spec.filters.map { $0.dimension.categories.firstIndex(of: $0.category)! }
        let shape = CubeShape(dimensions)
        let sizes = shape.sizes, strides = shape.strides
        var counts = [Int](repeating: 0, count: shape.count)
        let columns = dimensions.map { units.column($0) }
        for m in members {
            var flat = 0
            for k in columns.indices { flat += strides[k] * Int(columns[k][m]) }
            counts[flat] += 1
        }
        // Margins, one dimension after the other: a total is the sum of its categories.
        for (k, size) in sizes.enumerated() {
            for flat in counts.indices where (flat / strides[k]) % size == size - 1 {
                var sum = 0
                for i in 0..<(size - 1) { sum += counts[flat - (size - 1 - i) * strides[k]] }
                counts[flat] = sum
            }
        }
        var cellOf = [Int](repeating: -1, count: counts.count)
        var shown: [(categories: [String?], cell: Int)] = []
        for flat in counts.indices {
            let c = shape.coordinates(flat)
            let key = CellKey(periodRule: spec.periodRule, period: period, coordinates: c.enumerated().compactMap { k, i in
                i == sizes[k] - 1 ? nil : CellKey.Coordinate(dimension: dimensions[k].id, category: dimensions[k].categories[i])
            })
            let inTable = published && kept.indices.allSatisfy { c[$0] == kept[$0] }
            let split = c.enumerated().dropFirst(kept.count).filter { k, i in i != sizes[k] - 1 }.count
            cellOf[flat] = cell(for: key, value: counts[flat], inTable: inTable, rule: rule,
                                weight: inTable ? CostModel.weight(split: split, priority: spec.priority) : 0)
            if inTable {
                let categories = c.enumerated().map { k, i in i == sizes[k] - 1 ? nil : dimensions[k].categories[i] }
                shown.append((Array(categories.dropFirst(kept.count)), cellOf[flat]))
            }
        }
        // Relations: each margin cell is the sum of the categories of its first dimension at the
        // total. Every other sum of a margin (along another of its totals) follows from these, which
        // tie every margin to the inner cells it adds up: a cube's relations are independent, and
        // the programs that read them carry fewer redundant rows.
        for flat in counts.indices {
            guard let k = sizes.indices.first(where: { shape.isTotal(flat, $0) }) else { continue }
            addRelation(total: cellOf[flat], parts: (0..<(sizes[k] - 1)).map { cellOf[flat - (sizes[k] - 1 - $0) * strides[k]] })
        }
        shown.sort { a, b in
            let ta = a.categories.filter { $0 == nil }.count, tb = b.categories.filter { $0 == nil }.count
            return ta != tb ? ta < tb : a.cell < b.cell
        }
        return (published ? Table(spec: spec, period: period, cells: shown) : nil, cellOf)
    }

    /// Ties each inner cell of a coarser cube to the sum of the finer cube's cells it is made of
    /// (the coarser margins follow from these and the cubes' own relations).
    private mutating func addHierarchyRelations(_ link: HierarchyLink.Step,
                                                fine: CubeShape, coarse: CubeShape, cells: [[Int]]) {
        let k = link.position
        var parts: [Int: [Int]] = [:]
        for flat in 0..<fine.count where fine.isInner(flat) {
            var c = fine.coordinates(flat)
            c[k] = link.map[c[k]]
            let target = zip(c, coarse.strides).reduce(0) { $0 + $1.0 * $1.1 }
            parts[target, default: []].append(cells[link.fine][flat])
        }
        for (flat, members) in parts.sorted(by: { $0.key < $1.key }) { addRelation(total: cells[link.coarse][flat], parts: members) }
    }

    /// The release cell of `key`, made or updated: published if in a table, with the strictest rule
    /// and the largest weight (see `CostModel`; 0 for a cell in no table) of the tables it is in.
    private mutating func cell(for key: CellKey, value: Int, inTable: Bool, rule: ProtectionRule, weight: Double) -> Int {
        if let existing = universe.cell(of: key) {
            precondition(universe.cells[existing].value == value, "one cell, two values: \(key)")
            if inTable { universe.cells[existing].status = .published }
            universe.rules[existing] = universe.rules[existing].strictest(with: rule)
            universe.weights[existing] = max(universe.weights[existing], weight)
            return existing
        }
        universe.rules.append(rule)
        universe.weights.append(weight)
        return universe.append(Cell(value: value, status: inTable ? .published : .unpublished), key: key)
    }

    private mutating func addRelation(total: Int, parts: [Int]) {
        let signature = [total] + parts.sorted()
        guard relationSet.insert(signature).inserted else { return }
        universe.relations.append(Additivity(total: total, parts: parts))
    }
}
