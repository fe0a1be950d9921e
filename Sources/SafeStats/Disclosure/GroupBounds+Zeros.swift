extension GroupBounds {
    /// Groups of at least this many cells get a second thread (see `proveZeros`, `decideCells`).
    static let parallelFrom = 1_000

    /// Proves 0 the cells that are 0 in every solution, most of the cells never seen above 0.
    ///
    /// One program maximising the sum of such cells proves them all 0 at once when its optimum is
    /// 0; otherwise the cells it moves leave the candidates, and the next program tries the rest.
    /// With a `helper` thread, each pass has two programs at once: this thread's over the
    /// candidates of even variables, the helper's over those of odd ones (a cell stays with one
    /// program, whose objective only loses terms from pass to pass, so each starts near its last
    /// optimum), and the cells either solution moves leave. The split depends only on the
    /// candidates, so the result does not depend on which thread is faster.
    mutating func proveZeros(in lp: GroupProgram, helper: SolverThread<GroupProgram>?) throws(DisclosureAudit.Failure) {
        var candidates = (0..<cells.count).filter { seenHigh[$0] <= Tolerance.interval }
        let keepsDuals = keepsSolutions
        while !candidates.isEmpty {
            let halves = helper == nil || candidates.count < 2
                ? [candidates, []]
                : [candidates.filter { $0 % 2 == 0 }, candidates.filter { $0 % 2 == 1 }]
            var theirs: Result<SumMaximum?, DisclosureAudit.Failure>?
            if let helper, !halves[1].isEmpty {
                helper.start { lp in theirs = Result { () throws(DisclosureAudit.Failure) in try Self.maximiseSum(of: halves[1], in: lp, duals: keepsDuals) } }
            }
            let mine: Result<SumMaximum?, DisclosureAudit.Failure>? = Result { () throws(DisclosureAudit.Failure) in try Self.maximiseSum(of: halves[0], in: lp, duals: keepsDuals) }
            helper?.wait()
            for (half, result) in zip(halves, [mine, theirs]) where !half.isEmpty {
                guard let found = try result?.get() ?? nil else { continue }
                observe(found.values)
                guard found.most <= Tolerance.interval else { continue }
                if let duals = found.duals { proven.append(ProvenBound(upper: true, cells: half, duals: duals)) }
                for k in half {
                    zero[k] = true
                    settled[k] = true
                    do { try lp.setBounds(k, lower: 0, upper: 0) } catch { throw .solving(error) }
                }
            }
            let before = candidates.count
            candidates = candidates.filter { !zero[$0] && seenHigh[$0] <= Tolerance.interval }
            guard candidates.count < before else { break }
        }
        guard let helper else { return }
        let zeros = zero.indices.filter { zero[$0] }
        var failure: DisclosureAudit.Failure?
        helper.start { lp in
            do { for k in zeros { try lp.setBounds(k, lower: 0, upper: 0) } } catch { failure = .solving(error) }
        }
        helper.wait()
        if let failure { throw failure }
    }

    /// The optimum of one program maximising a sum of cells, with the solution, and the row
    /// duals that prove the optimum (when asked for).
    private struct SumMaximum {
        let most: Double
        let values: [Double]
        let duals: [Double]?
    }

    /// Maximises the sum of `cells` over `lp` from its last basis; nil when it has no optimum.
    private static func maximiseSum(of cells: [Int], in lp: GroupProgram, duals: Bool) throws(DisclosureAudit.Failure) -> SumMaximum? {
        do {
            try lp.setObjective(cells.map { ($0, 1) })
            guard case .optimal(let most) = try lp.solve(.maximise, warm: true) else { return nil }
            let values = (0..<lp.variableCount).map(lp.value)
            return SumMaximum(most: most, values: values, duals: duals ? lp.rowDuals : nil)
        } catch {
            throw .solving(error)
        }
    }
}
