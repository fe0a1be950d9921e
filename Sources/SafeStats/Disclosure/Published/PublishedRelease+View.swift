extension PublishedRelease {
    /// The release as one recipient's bundle shows it: the tables `keep` chooses,
    /// their cells with their values, and every cell linked to them through the relations, with
    /// its value hidden when it is not in those tables (other recipients' figures are not sent to
    /// this one). Cells are renumbered; cells and relations unconnected to the tables are left out.
    ///
    /// An attacker holding only this view knows less than one holding the whole release, so every
    /// interval of the view is at least as wide: a release that passes its audit gives views that
    /// pass theirs.
    public func view(tables keep: (PublishedTable) -> Bool) -> PublishedRelease {
        let kept = tables.filter(keep)
        let shown = Set(kept.flatMap(\.cells))
        // Cells connected to the shown ones through relations.
        var links = UnionFind(count: cells.count)
        for r in relations { for p in r.parts { links.union(r.total, p) } }
        let roots = Set(shown.map { links.find($0) })
        let inView = cells.indices.filter { roots.contains(links.find($0)) }
        let newID = Dictionary(uniqueKeysWithValues: inView.enumerated().map { ($1, $0) })
        var view = self
        view.cells = inView.enumerated().map { n, old in
            var cell = cells[old]
            cell.id = n
            if !shown.contains(old) { cell.value = nil }
            return cell
        }
        view.relations = relations.filter { newID[$0.total] != nil }.map {
            PublishedRelation(total: newID[$0.total]!, parts: $0.parts.map { newID[$0]! })
        }
        view.tables = kept.map { table in
            var t = table
            t.cells = table.cells.map { newID[$0]! }
            return t
        }
        return view
    }
}
