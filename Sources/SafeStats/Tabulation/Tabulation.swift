/// Counts victims into tables and builds the release they form together: one cell universe over
/// every table and period, with every additivity relation between its cells.
public struct Tabulation: Sendable {
    /// A table of one period, laid out as its spec says.
    public struct Table: Sendable {
        public let spec: TableSpec
        public let period: Period
        /// Per cell: one category per dimension (nil = the dimension's total) and its index in the
        /// release. Inner cells first, in dimension order; margins after.
        public let cells: [(categories: [String?], cell: Int)]
    }

    public private(set) var release = Release(cells: [], relations: [])
    /// The key of every release cell.
    public private(set) var keys: [CellKey] = []
    public private(set) var tables: [Table] = []
    private var index: [CellKey: Int] = [:]
    private var relationSet = Set<[Int]>()

    /// Tabulates `units` into every table for every period.
    /// Victims are in a period by their first identification date.
    ///
    /// Periods may overlap (a calendar year and an April–March year) or nest (a year and its
    /// quarters): the timeline is cut into the fewest disjoint atoms of which every period is a
    /// union, each table is also counted for each atom (unpublished cells), and each period cell
    /// is related to the sum of its atoms' cells, so the links between periods are in the release.
    public init(victims units: [VictimUnit], tables specs: [TableSpec], periods: [Period]) {
        let atoms = Self.atoms(of: periods)
        let periods = periods.reduce(into: [Period]()) { if !$0.contains($1) { $0.append($1) } }
        for spec in specs {
            var cellsOf: [Period: [Int]] = [:]
            for period in periods {
                let (table, cellOf) = tabulate(spec, period: period, units: units.filter { period.contains($0.firstIdentified) },
                                               published: true)
                tables.append(table)
                cellsOf[period] = cellOf
            }
            for atom in atoms where cellsOf[atom] == nil {
                cellsOf[atom] = tabulate(spec, period: atom, units: units.filter { atom.contains($0.firstIdentified) },
                                         published: false).cellOf
            }
            // One block per table: its cubes for every period and atom, linked by the atom relations.
            release.blocks.append(Array(Set(cellsOf.values.joined())).sorted())
            for period in periods {
                let parts = atoms.filter { period.contains($0.start) }
                guard parts.count > 1 else { continue }
                for flat in cellsOf[period]!.indices {
                    addRelation(total: cellsOf[period]![flat], parts: parts.map { cellsOf[$0]![flat] })
                }
            }
        }
        // Period by period, in the order asked for; within a period, tables in spec order.
        let order = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1, $0) })
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

    private mutating func tabulate(_ spec: TableSpec, period: Period, units: [VictimUnit],
                                   published: Bool) -> (table: Table, cellOf: [Int]) {
        // The status filter is one more dimension of the universe: its other category is implied
        // by the relations (all = presumed + identified) and must be there to be protected.
        var dimensions = spec.dimensions
        if spec.status != nil { dimensions.insert(.identificationStatus, at: 0) }
        let sizes = dimensions.map { $0.categories.count + 1 }  // + total
        var counts = [Int](repeating: 0, count: sizes.reduce(1, *))
        for unit in units {
            let position = zip(dimensions, sizes).map { d, _ in d.categories.firstIndex(of: d.category(of: unit))! }
            // Add the unit to its cell and to every margin above it: 2^D cells.
            for mask in 0..<(1 << dimensions.count) {
                var flat = 0
                for (k, size) in sizes.enumerated() {
                    flat = flat * size + ((mask >> k) & 1 == 1 ? size - 1 : position[k])
                }
                counts[flat] += 1
            }
        }
        func coordinates(_ flat: Int) -> [Int] {
            var rest = flat
            var out = [Int](repeating: 0, count: sizes.count)
            for k in sizes.indices.reversed() {
                out[k] = rest % sizes[k]
                rest /= sizes[k]
            }
            return out
        }
        func flatIndex(_ c: [Int]) -> Int { zip(c, sizes).reduce(0) { $0 * $1.1 + $1.0 } }
        var cellOf = [Int](repeating: -1, count: counts.count)
        var shown: [(categories: [String?], cell: Int)] = []
        let filterPosition = spec.status.map { IdentificationStatus.allCases.firstIndex(of: $0)! }
        for flat in counts.indices {
            let c = coordinates(flat)
            let key = CellKey(population: "victims", period: period, coordinates: c.enumerated().compactMap { k, i in
                i == sizes[k] - 1 ? nil : CellKey.Coordinate(dimension: dimensions[k].id, category: dimensions[k].categories[i])
            })
            let inTable = published && (filterPosition.map { c[0] == $0 } ?? true)
            cellOf[flat] = cell(for: key, value: counts[flat], inTable: inTable)
            if inTable {
                let categories = c.enumerated().map { k, i in i == sizes[k] - 1 ? nil : dimensions[k].categories[i] }
                shown.append((Array(categories.dropFirst(filterPosition == nil ? 0 : 1)), cellOf[flat]))
            }
        }
        // Relations: along each dimension, its total is the sum of its categories.
        for flat in counts.indices {
            let c = coordinates(flat)
            for k in dimensions.indices where c[k] == sizes[k] - 1 {
                let parts = (0..<(sizes[k] - 1)).map { i -> Int in
                    var p = c
                    p[k] = i
                    return cellOf[flatIndex(p)]
                }
                addRelation(total: cellOf[flat], parts: parts)
            }
        }
        shown.sort { a, b in
            let ta = a.categories.filter { $0 == nil }.count, tb = b.categories.filter { $0 == nil }.count
            return ta != tb ? ta < tb : a.cell < b.cell
        }
        return (Table(spec: spec, period: period, cells: shown), cellOf)
    }

    private mutating func cell(for key: CellKey, value: Int, inTable: Bool) -> Int {
        if let existing = index[key] {
            precondition(release.cells[existing].value == value, "one cell, two values: \(key)")
            if inTable { release.cells[existing].status = .published }
            return existing
        }
        let i = release.cells.count
        release.cells.append(Cell(value: value, status: inTable ? .published : .unpublished))
        keys.append(key)
        index[key] = i
        return i
    }

    private mutating func addRelation(total: Int, parts: [Int]) {
        let signature = [total] + parts.sorted()
        guard relationSet.insert(signature).inserted else { return }
        release.relations.append(Additivity(total: total, parts: parts))
    }
}

extension Tabulation {
    /// Pseudonymises identifiable records in memory (nothing is written), links each person's
    /// records and merges them into victim units.
    /// - Throws: `PseudonymisationError` when the input is invalid or unreadable.
    public static func victimUnits(input: InputDirectory, key: PseudonymisationKey, today: ISODate = .today(),
                                   problems: ProblemLog) throws(PseudonymisationError) -> [VictimUnit] {
        struct Collect: RecordVisitor {
            let pseudonymiser: Pseudonymiser
            var linkage = Linkage()
            var records: [(VictimRecord, Pseudonym)] = []
            mutating func visit(victim record: VictimRecord) {
                let ids = pseudonymiser.person(record.identifiers)
                linkage.add(ids)
                records.append((record, pseudonymiser.recordID(record.recordID, kind: .victims)))
            }
        }
        var collect = Collect(pseudonymiser: Pseudonymiser(key: key))
        do { _ = try InputReader(input: input, today: today).read(problems: problems, visitor: &collect) } catch {
            throw .input(error)
        }
        guard problems.isEmpty else { throw .invalidInput(problemCount: problems.total) }
        _ = collect.linkage.finish()
        var units: [Pseudonym: VictimUnit] = [:]
        for (i, (record, recordPid)) in collect.records.enumerated() {
            let person = collect.linkage.person(ofRecord: i) ?? recordPid
            if units[person] == nil { units[person] = VictimUnit(person: person, record: record) } else { units[person]!.merge(record) }
        }
        return units.values.sorted { $0.person < $1.person }
    }
}
