/// One table of a bundle laid out as the recipient reads it: the last dimension across, the
/// others down, one row per combination of their categories (rows whose cells are all published
/// zeros left out; `tables.csv` has every cell). `report.html` and `tables.xlsx` show this grid.
struct TableGrid {
    /// The heading cells: the names of the dimensions down, then the labels of the columns (or
    /// "Total" for a table without dimensions).
    let header: [String]
    /// Each row: its labels (one per dimension down) and its values (nil: suppressed).
    let rows: [(labels: [String], values: [Int?])]

    init(_ bundle: BundleLayout, _ published: PublishedRelease.PublishedTable) {
        let p = bundle.profile
        let cells = bundle.orderedCells(published)
        guard let across = published.dimensions.last else {
            header = ["Total"]
            rows = [([], [cells.first?.value])]
            return
        }
        let down = published.dimensions.dropLast()
        let columns = Array(Set(cells.map { $0.categories[across] })).sorted { Self.rank(bundle, across, $0) < Self.rank(bundle, across, $1) }
        header = down.map(p.name(of:)) + columns.map { p.label($0, of: across) }
        var byKey: [[String?]: [PublishedRelease.PublishedCell]] = [:]
        var order: [[String?]] = []
        for c in cells {
            let key = down.map { c.categories[$0] }
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(c)
        }
        rows = order.compactMap { key in
            let row = byKey[key]!
            if row.allSatisfy({ $0.value == 0 }) { return nil }
            return (zip(down, key).map { p.label($1, of: $0) }, columns.map { column in row.first { $0.categories[across] == column }?.value })
        }
    }

    private static func rank(_ bundle: BundleLayout, _ dimension: String, _ category: String?) -> Int {
        guard let category else { return Int.max }
        guard let d = bundle.profile.dimension(named: dimension, country: bundle.country) else { return 0 }
        return bundle.profile.order(of: d).firstIndex(of: category) ?? Int.max - 1
    }
}
