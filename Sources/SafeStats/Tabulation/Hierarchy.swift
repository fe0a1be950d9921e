/// Hierarchical dimensions: levels of one classification, each category of a level being a union
/// of categories of the finest level (age band → child/adult; country → region, and country →
/// national/foreign).
extension TableDimension {
    /// The finest level of the hierarchy this dimension is a level of; nil if it is in none.
    public var finestLevel: TableDimension? {
        switch self {
        case .ageBand, .ageGroup: .ageBand
        case .citizenshipCountry, .citizenshipRegion, .citizenship: .citizenshipCountry
        default: nil
        }
    }

    /// For each category of the finest level (by index), this level's category index.
    var fromFinest: [Int] {
        switch self {
        case .ageBand, .citizenshipCountry: Array(categories.indices)
        // Bands 0-8 and 9-17 are children; the band "unknown" is the age group "unknown".
        case .ageGroup: Self.ageBands.map { $0.from < 18 ? 0 : 1 } + [2]
        case .citizenshipRegion: CountryCodes.all.map(Self.regionIndex)
        case .citizenship(let country): CountryCodes.all.map { Self.citizenshipIndex($0, country) }
        default: preconditionFailure("\(id) is not a level of a hierarchy")
        }
    }

    /// For each of this level's categories, the category of `coarser` it lies in; nil if
    /// `coarser` is not a level of the same hierarchy that this one refines.
    public func coarsening(to coarser: TableDimension) -> [Int]? {
        guard let finest = finestLevel, coarser.finestLevel == finest else { return nil }
        var map = [Int?](repeating: nil, count: categories.count)
        for (mine, theirs) in zip(fromFinest, coarser.fromFinest) {
            if let known = map[mine], known != theirs { return nil }
            map[mine] = theirs
        }
        // A category holding no finest category would have no place above: not a refinement.
        return map.allSatisfy { $0 != nil } ? map.map { $0! } : nil
    }
}

/// The cubes one table is counted in so that the release links it to other levels of its
/// hierarchies: where tables of the same population use another level of a hierarchical
/// dimension, the table is also counted (unpublished) with that dimension at each such level, and
/// at the finest level when two of the levels do not nest (region and national/foreign), and each
/// cube's cells are tied to the sums of the finer cube's cells.
struct HierarchyCubes {
    /// Cube 0 is the table's own dimensions.
    let cubes: [[TableDimension]]
    /// Cube `coarse` differs from cube `fine` only at `position`, where its level is a coarsening
    /// (`map`: fine category → coarse category) of the fine cube's level.
    let links: [(fine: Int, coarse: Int, position: Int, map: [Int])]

    /// - Parameters:
    ///   - dimensions: the table's dimensions (filters first).
    ///   - used: every dimension that tables of the same population and period rule use.
    init(_ dimensions: [TableDimension], used: Set<TableDimension>) {
        // The levels each position takes, and which pairs of them are tied (finer, coarser).
        var choices: [[TableDimension]] = []
        var ties: [[(fine: TableDimension, coarse: TableDimension)]] = []
        for d in dimensions {
            guard let finest = d.finestLevel else {
                choices.append([d]); ties.append([])
                continue
            }
            var levels = [d] + used.filter { $0 != d && $0.finestLevel == finest }.sorted { $0.id < $1.id }
            let nested = levels.allSatisfy { a in levels.allSatisfy { b in a.coarsening(to: b) != nil || b.coarsening(to: a) != nil } }
            if nested {
                // A chain: each level tied to the next finer one.
                let chain = levels.sorted { $0.categories.count > $1.categories.count }
                ties.append(zip(chain, chain.dropFirst()).map { ($0, $1) })
            } else {
                if !levels.contains(finest) { levels.append(finest) }
                ties.append(levels.filter { $0 != finest }.map { (finest, $0) })
            }
            choices.append(levels)
        }
        // Every combination of levels, the table's own first.
        var cubes: [[TableDimension]] = [[]]
        for options in choices { cubes = cubes.flatMap { cube in options.map { cube + [$0] } } }
        var links: [(Int, Int, Int, [Int])] = []
        for (fine, f) in cubes.enumerated() {
            for (coarse, c) in cubes.enumerated() {
                let differing = f.indices.filter { f[$0] != c[$0] }
                guard differing.count == 1, let k = differing.first,
                      ties[k].contains(where: { $0.fine == f[k] && $0.coarse == c[k] }) else { continue }
                links.append((fine, coarse, k, f[k].coarsening(to: c[k])!))
            }
        }
        self.cubes = cubes
        self.links = links
    }
}
