/// Hierarchical dimensions: levels of one classification, each category of a level being a union
/// of categories of the finest level (age in years → age band, a profile's own age bands, and
/// child/adult; country of citizenship → region,
/// and → national/foreign; country of exploitation → domestic/transnational; form of exploitation
/// → GLOTIP group, and → TIP type).
extension TableDimension {
    /// The finest level of the hierarchy this dimension is a level of; nil if it is in none.
    public var finestLevel: TableDimension? {
        switch self {
        case .ageBand, .ageGroup, .ageYear: .ageYear
        case .declared(let g) where g.source == "age": .ageYear
        case .citizenshipCountry, .citizenshipRegion, .citizenship: .citizenshipCountry
        case .exploitationCountry, .scope: .exploitationCountry
        case .form, .glotipForm, .traffickingType: .form
        default: nil
        }
    }

    /// For each category of the finest level (by index), this level's category index.
    var fromFinest: [Int] {
        switch self {
        case .ageYear, .citizenshipCountry, .exploitationCountry, .form: Array(categories.indices)
        case .glotipForm: Self.glotipFormOfForm
        case .traffickingType: Self.traffickingTypeOfForm
        // Each year in its band; the year "unknown" in the band or group "unknown".
        case .ageBand: (0...Self.oldestYear).map { age in Self.ageBands.lastIndex { $0.from <= age } ?? 0 } + [Self.ageBands.count]
        case .ageGroup: (0...Self.oldestYear).map { $0 < 18 ? 0 : 1 } + [2]
        case .declared(let g) where g.source == "age": (0...Self.oldestYear).map(g.ageIndex) + [g.categories.count - 1]
        case .citizenshipRegion: CountryCodes.all.map(Self.regionIndex)
        case .citizenship(let country): CountryCodes.all.map { Self.citizenshipIndex($0, country) }
        // One known country of exploitation is domestic or transnational; multiple_countries is
        // transnational (index 1).
        case .scope(let country): CountryCodes.all.map { Self.scopeIndex($0 == "UNK" ? [] : [$0], country) } + [1]
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

/// The unpublished cubes that link two tables of one population using different levels of a
/// hierarchy (one by age band, one by child/adult; one by region, one by national/foreign).
///
/// The cells the two tables share are their margins over the dimensions they have in common. The
/// link is counted over those dimensions with each differing hierarchy at the *meet* of the two
/// levels (the finer one when they nest, otherwise the finest level, such as the country); from
/// there, one level at a time, cubes lead to each table's own levels, each cell of a cube tied to
/// the sum of the cells of the finer cube before it. The last cube of each path is a margin of
/// that table, so the same keys make the same cells and the tables are linked. Dimensions that
/// only one table has stay at their total: their joint distribution with the other table's
/// dimensions is not published, and is not modelled.
struct HierarchyLink {
    /// Cube 0 is the meet.
    let cubes: [[TableDimension]]
    /// Cube `coarse` differs from cube `fine` only at `position`, where its level is a coarsening
    /// (`map`: fine category → coarse category) of the fine cube's level.
    typealias Step = (fine: Int, coarse: Int, position: Int, map: [Int])
    let links: [Step]

    /// The link between tables with dimensions (filters included) `a` and `b`; nil when they use
    /// no hierarchy at different levels, so the keys they share need no link.
    init?(_ a: [TableDimension], _ b: [TableDimension]) {
        func family(_ d: TableDimension) -> TableDimension { d.finestLevel ?? d }
        let inB = Dictionary(b.map { (family($0), $0) }, uniquingKeysWith: { x, _ in x })
        let shared = a.compactMap { d in inB[family(d)].map { (mine: d, theirs: $0) } }
        guard shared.contains(where: { $0.mine != $0.theirs }) else { return nil }
        let meet = shared.map { pair in
            if pair.mine == pair.theirs || pair.mine.coarsening(to: pair.theirs) != nil { return pair.mine }
            if pair.theirs.coarsening(to: pair.mine) != nil { return pair.theirs }
            return family(pair.mine)
        }
        var cubes = [meet]
        var links: [Step] = []
        for target in [shared.map(\.mine), shared.map(\.theirs)] {
            var at = 0
            for k in target.indices where meet[k] != target[k] {
                var next = cubes[at]
                next[k] = target[k]
                cubes.append(next)
                links.append((at, cubes.count - 1, k, cubes[at][k].coarsening(to: target[k])!))
                at = cubes.count - 1
            }
        }
        self.cubes = cubes
        self.links = links
    }
}
