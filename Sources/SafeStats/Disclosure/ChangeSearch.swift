/// Finds the cheapest change of a release that raises one cell, block by block.
///
/// Every relation lies inside at least one block. The search starts with the blocks that contain
/// the cell; each block's program may move the cells it shares with other blocks (at a higher
/// price), and every shared cell it moves puts the other blocks that hold it in the queue, where
/// that cell's change is fixed. A block whose shared cells are all unchanged needs no change, so
/// the union of the blocks' changes keeps every relation of the release: the guarantee is that of
/// one program over the whole release. If some block cannot absorb what it is handed, it is merged
/// with the blocks the search started from and the search starts again (see `cheapestChange`);
/// one program over the whole release is the last resort.
///
/// The same start block tends to fail on the same block again and again. When it failed before,
/// a second thread solves at once, with a search of its own, what the search would do after that
/// failure (from the merged block), while this thread tries the start block: if it fails the same
/// way, the second thread's result is the next step, found sooner; if not, it is not used. And
/// while this thread solves a block, the second solves the next one in the queue with the changes
/// fixed so far: a block's program reads only the changes fixed on its cells, so that is the
/// change this thread would find unless the block before fixes one of them (then this thread
/// solves it again). Every program starts from the same basis: the change is the one a single
/// thread finds.
final class ChangeSearch {
    private var blocks: [ProtectionBlock]
    /// The number of blocks before any merged one; merged blocks follow, by their members.
    private let baseCount: Int
    private var mergedBlocks: [[Int]: Int] = [:]
    private let blocksOf: [[Int]]
    /// The weight of every cell (see `CostModel`).
    private let weights: [Double]
    private var whole: ProtectionBlock?
    private let release: CellUniverse
    /// The search of the second thread, when there is one.
    private let helper: SolverThread<ChangeSearch>?
    /// The block each start (its blocks, sorted) first failed on.
    private var failedBefore: [[Int]: Int] = [:]
    /// How many steps of searches the second thread found that were used.
    private(set) var stepsFoundAhead = 0

    /// - Parameter parallel: let a second thread search ahead (see above).
    init(release: CellUniverse, parallel: Bool = false) throws(DisclosureAudit.Failure) {
        let n = release.cells.count
        for (r, relation) in release.relations.enumerated() {
            guard relation.total >= 0 && relation.total < n, relation.parts.allSatisfy({ $0 >= 0 && $0 < n }) else {
                throw .badReference(relation: r)
            }
        }
        self.release = release
        weights = release.costWeights
        // Blocks as declared, less those inside another (a link between tables holds a whole table
        // at the finer level: that table's program would choose without seeing the link), then one
        // more with every relation that no block holds.
        let declared = release.blocks.map { Set($0) }
        var cellSets = declared.enumerated().filter { b, cells in
            !declared.enumerated().contains { o, other in
                o != b && cells.count <= other.count && cells.isSubset(of: other) && (cells.count < other.count || o < b)
            }
        }.map(\.element)
        var memberOf = [[Int]](repeating: [], count: n)
        for (b, block) in cellSets.enumerated() { for c in block { memberOf[c].append(b) } }
        var rest = Set<Int>()
        for relation in release.relations {
            let cells = Set(relation.parts + [relation.total])
            if !memberOf[relation.total].contains(where: { cells.isSubset(of: cellSets[$0]) }) { rest.formUnion(cells) }
        }
        if !rest.isEmpty {
            for c in rest { memberOf[c].append(cellSets.count) }
            cellSets.append(rest)
        }
        blocksOf = memberOf
        var blocks: [ProtectionBlock] = []
        for cells in cellSets {
            blocks.append(try ProtectionBlock(cells: cells.sorted(), release: release, isShared: { memberOf[$0].count > 1 }))
        }
        self.blocks = blocks
        baseCount = blocks.count
        helper = parallel ? try SolverThread { () throws(DisclosureAudit.Failure) in try ChangeSearch(release: release) } : nil
    }

    /// The cheapest change raising `i` by `p`: cell → change, for the cells it moves.
    ///
    /// When a block cannot absorb what the blocks before it fixed, that block is merged with the
    /// ones the search started from (one program over their cells, made once and kept: the same
    /// pairs fail again and again), and the search starts again from the merged block; after a
    /// few merges, one program over the whole release decides.
    func cheapestChange(raising i: Int, by p: Double, in current: CellUniverse) throws(DisclosureAudit.Failure) -> [Int: Double] {
        var start = blocksOf[i], covered = Set(blocksOf[i])
        let startKey = start.sorted()
        var ahead = searchAhead(raising: i, by: p, in: current, after: failedBefore[startKey], covered: covered)
        var result = try blockwise(raising: i, by: p, in: current, start: start, covered: covered)
        for _ in 1..<Self.merges {
            guard case .failed(let block) = result else { break }
            if covered == Set(startKey) && failedBefore[startKey] == nil { failedBefore[startKey] = block }
            guard block < baseCount, !covered.contains(block) else { break }
            covered.insert(block)
            if let (expected, found) = ahead, expected == block, let helper {
                helper.wait()
                stepsFoundAhead += 1
                result = try found.result!.get()
            } else {
                start = [try merged(covered)]
                result = try blockwise(raising: i, by: p, in: current, start: start, covered: covered)
            }
            ahead = nil
        }
        if case .found(let change) = result { return change.filter { abs($0.value) > Tolerance.change } }
        if whole == nil {
            whole = try ProtectionBlock(cells: Array(release.cells.indices), release: release, isShared: { _ in false })
        }
        guard let change = try whole!.cheapestChange(fixed: [i: p], in: current, weights: weights) else {
            throw .noChange(cell: i)
        }
        return change.filter { abs($0.value) > Tolerance.change }
    }

    /// The second thread's step of a search whose start failed on `block` before, when it is idle:
    /// the search from the start merged with that block, against `current`.
    private func searchAhead(raising i: Int, by p: Double, in current: CellUniverse, after block: Int?, covered: Set<Int>) -> (block: Int, found: Slot<Search>)? {
        guard let block, let helper, helper.isIdle else { return nil }
        let slot = Slot<Search>(), merged = covered.union([block])
        helper.start { search in
            slot.result = Result { () throws(DisclosureAudit.Failure) in
                try search.blockwise(raising: i, by: p, in: current, start: [try search.merged(merged)], covered: merged)
            }
        }
        return (block, slot)
    }

    /// The second thread's change of block `b` (one of the release's tables) with `fixed`, when
    /// it is idle. A block's program reads only the changes fixed on its own cells: the change is
    /// the one this thread would find after the blocks before it unless those fix one of its
    /// cells.
    private func solveAhead(_ b: Int, fixed: [Int: Double], in current: CellUniverse) -> Slot<[Int: Double]?>? {
        guard b < baseCount, let helper, helper.isIdle else { return nil }
        let slot = Slot<[Int: Double]?>()
        helper.start { search in
            slot.result = Result { () throws(DisclosureAudit.Failure) in try search.blocks[b].cheapestChange(fixed: fixed, in: current, weights: search.weights) }
        }
        return slot
    }

    /// Where the second thread leaves what it found.
    private final class Slot<Found> {
        var result: Result<Found, DisclosureAudit.Failure>?
    }

    /// How many times a search merges a failing block before it solves over the whole release.
    private static let merges = 4

    /// The block of every cell of the blocks `members`, made once: its cells that blocks outside
    /// it hold are its shared cells.
    private func merged(_ members: Set<Int>) throws(DisclosureAudit.Failure) -> Int {
        let key = members.sorted()
        if let known = mergedBlocks[key] { return known }
        var cells = Set<Int>()
        for b in key { cells.formUnion(blocks[b].cells) }
        let blocksOf = self.blocksOf
        blocks.append(try ProtectionBlock(cells: cells.sorted(), release: release, isShared: { c in blocksOf[c].contains { !members.contains($0) } }))
        mergedBlocks[key] = blocks.count - 1
        return blocks.count - 1
    }

    private enum Search {
        case found([Int: Double])
        /// This block could not absorb what it was handed.
        case failed(block: Int)
    }

    /// The change found block by block from the blocks `start`; blocks in `covered` are inside a
    /// merged block (or in `start`) and are never queued on their own.
    private func blockwise(raising i: Int, by p: Double, in current: CellUniverse, start: [Int], covered: Set<Int>) throws(DisclosureAudit.Failure) -> Search {
        var fixed: [Int: Double] = [i: p]
        var fixedInOrder = [i]
        var change: [Int: Double] = [i: p]
        var queue = start.sorted { (blocks[$0].size, $0) < (blocks[$1].size, $1) }
        var queued = covered.union(queue)
        var next = 0
        var ahead: (block: Int, fixedBefore: Int, found: Slot<[Int: Double]?>)?
        while next < queue.count {
            let b = queue[next], block = blocks[b]
            next += 1
            let solved: [Int: Double]?
            if let (aheadBlock, fixedBefore, found) = ahead, aheadBlock == b, let helper,
               !fixedInOrder[fixedBefore...].contains(where: block.contains) {
                helper.wait()
                stepsFoundAhead += 1
                solved = try found.result!.get()
            } else {
                ahead = next < queue.count ? solveAhead(queue[next], fixed: fixed, in: current).map { (queue[next], fixedInOrder.count, $0) } : nil
                solved = try block.cheapestChange(fixed: fixed, in: current, weights: weights)
            }
            guard let y = solved else { return .failed(block: b) }
            // In cell order, so that blocks are queued the same way in every process. The blocks
            // that hold more of the cells this change moved are queued first: they are the most
            // bound by it, and a link between tables that sees the whole change before the tables
            // beyond it fails less often (on the demo's release with overlapping periods, 0.89 of
            // the time of queueing in cell order).
            var moved: [Int: Int] = [:]
            var reached: [Int] = []
            for cell in y.keys.sorted() {
                let solved = y[cell]!
                let value = abs(solved) > Tolerance.change ? solved : 0
                change[cell] = value
                guard block.isShared(cell), fixed[cell] == nil else { continue }
                fixed[cell] = value
                fixedInOrder.append(cell)
                guard value != 0 else { continue }
                for b in blocksOf[cell] where !queued.contains(b) {
                    if moved[b] == nil { reached.append(b) }
                    moved[b, default: 0] += 1
                }
            }
            for b in reached.enumerated().sorted(by: { (-moved[$0.element]!, $0.offset) < (-moved[$1.element]!, $1.offset) }).map(\.element) {
                queued.insert(b)
                queue.append(b)
            }
        }
        return .found(change)
    }
}
