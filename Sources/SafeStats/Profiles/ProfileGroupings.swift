/// The groupings a profile declares for itself (`groupings`): bands of age, groups of regions of
/// residence, the year exploitation began.
///
///     "groupings": {
///       "age_report": {"of": "age", "bands": [{"code": "under_18", "from": 0}, {"code": "18_25", "from": 18}]},
///       "residence": {"of": "residence_region", "groups": [{"code": "capital", "regions": ["AZ-BA"]}], "others": "other_regions"},
///       "exploitation_began": {"of": "exploitation_start_date", "from": 2019, "to": 2023}
///     }
struct ProfileGroupingEntry: Decodable, Sendable, Equatable {
    let of: String
    let bands: [Band]?
    let groups: [RegionGroup]?
    let others: String?
    let from: Int?
    let to: Int?

    struct Band: Decodable, Sendable, Equatable {
        let code: String
        let from: Int
    }

    struct RegionGroup: Decodable, Sendable, Equatable {
        let code: String
        let regions: [String]
    }

    /// The grouping named `name`, or why it cannot be one.
    func grouping(named name: String) -> Result<DeclaredGrouping, TableDeclarations.Problem> {
        func problem(_ message: String) -> Result<DeclaredGrouping, TableDeclarations.Problem> {
            .failure(.init(message: "grouping \(name): \(message)"))
        }
        guard name.first?.isLetter == true, name.allSatisfy({ ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }) else {
            return problem("a name is lower-case letters, digits and _, starting with a letter")
        }
        guard TableDimension(name: name, country: "UNK") == nil, name != TableDimension.ageYear.id else {
            return problem("the name of a built-in dimension")
        }
        func codesProblem(_ codes: [String]) -> String? {
            guard !codes.isEmpty else { return "no categories" }
            guard Set(codes).count == codes.count, !codes.contains("unknown") else { return "each code once, and not unknown (which is added)" }
            guard codes.allSatisfy({ !$0.isEmpty && !$0.contains(",") && !$0.contains("=") }) else { return "a code is not empty and holds no , or =" }
            return nil
        }
        switch of {
        case "age":
            guard let bands, groups == nil, others == nil, from == nil, to == nil else { return problem("a grouping of age has bands, and nothing else") }
            if let message = codesProblem(bands.map(\.code)) { return problem(message) }
            let starts = bands.map(\.from)
            guard starts.first == 0, zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }), starts.last! < TableDimension.oldestYear else {
                return problem("bands start at 0 and rise, each from below \(TableDimension.oldestYear)")
            }
            return .success(.ageBands(name, codes: bands.map(\.code), from: starts))
        case "residence_region":
            guard let groups, bands == nil, from == nil, to == nil else { return problem("a grouping of residence_region has groups (and others), and nothing else") }
            let others = others ?? "other"
            if let message = codesProblem(groups.map(\.code) + [others]) { return problem(message) }
            let regions = groups.flatMap(\.regions)
            guard groups.allSatisfy({ !$0.regions.isEmpty }), Set(regions).count == regions.count, !regions.contains("") else {
                return problem("each group lists regions, and a region is in one group only")
            }
            return .success(.regions(name, codes: groups.map(\.code), regions: groups.map(\.regions), others: others))
        case "exploitation_start_date":
            guard let from, let to, bands == nil, groups == nil, others == nil else { return problem("a grouping of exploitation_start_date has from and to (years), and nothing else") }
            guard 1900 <= from, from <= to, to <= 2100, to - from <= 50 else { return problem("from and to are years from 1900 to 2100, from ≤ to, at most 50 apart") }
            return .success(.startYears(name, from: from, to: to))
        default:
            return problem("of must be age, residence_region or exploitation_start_date")
        }
    }
}
