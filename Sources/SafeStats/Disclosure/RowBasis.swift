/// Picks, from linear equations with integer coefficients, rows whose span holds every row: a row
/// that is an exact combination of the rows before it is left out, and a row whose left-hand side
/// is one but whose right-hand side does not follow is a contradiction. Every solution of the rows
/// kept then solves every row, so a program over them has the same feasible set with fewer rows.
///
/// Rows are reduced by fraction-free integer elimination, right-hand sides along, so a row is only
/// ever left out when it reduces to exactly zero. A row whose numbers are not whole, or whose
/// reduction would overflow, is kept and not used to reduce others: the result can only keep more
/// rows than needed, never fewer, and a contradiction it misses is left to the program.
enum RowBasis {
    typealias Row = (terms: [(variable: Int, coefficient: Double)], rhs: Double)

    /// Whether each of `rows` (over variables `0..<variableCount`) is kept, and the first row
    /// that contradicts the rows before it, if any.
    static func kept(_ rows: [Row], variableCount: Int) -> (kept: [Bool], contradiction: Int?) {
        var elimination = Elimination(variableCount: variableCount)
        var kept: [Bool] = []
        for (r, row) in rows.enumerated() {
            switch elimination.add(row) {
            case .kept: kept.append(true)
            case .follows: kept.append(false)
            case .contradicts: return (kept + [Bool](repeating: true, count: rows.count - r), r)
            }
        }
        return (kept, nil)
    }

    private struct Elimination {
        /// The basis row whose pivot is each variable (-1 for none).
        var pivotRow: [Int]
        /// Basis rows as (variable, coefficient), with each row's pivot.
        var rows: [[(variable: Int, coefficient: Int)]] = []
        var pivots: [Int] = []
        /// The row being reduced, dense, with the variables it touches.
        var work: [Int]
        var touched: [Int] = []
        var isTouched: [Bool]
        /// Basis rows (by order) whose pivot the row being reduced holds: a min-heap, since
        /// reducing by a row only brings in pivots of later rows.
        var heap: [Int] = []

        /// The right-hand side's place in the work row (never a pivot).
        let rhs: Int

        init(variableCount: Int) {
            rhs = variableCount
            pivotRow = [Int](repeating: -1, count: variableCount + 1)
            work = [Int](repeating: 0, count: variableCount + 1)
            isTouched = [Bool](repeating: false, count: variableCount + 1)
        }

        enum Verdict { case kept, follows, contradicts }

        /// Reduces `row` by the basis: it follows from it, contradicts it (its left-hand side
        /// follows, its right-hand side not), or is kept, and joins the basis when it could be
        /// reduced exactly.
        mutating func add(_ row: Row) -> Verdict {
            defer { clear() }
            for t in row.terms {
                guard let c = Int(exactly: t.coefficient), add(c, to: t.variable) else { return .kept }
            }
            guard let b = Int(exactly: row.rhs), add(b, to: rhs) else { return .kept }
            for v in touched where work[v] != 0 && pivotRow[v] >= 0 { push(pivotRow[v]) }
            while let b = pop() {
                let pivot = pivots[b], v = work[pivot]
                guard v != 0 else { continue }
                guard reduce(by: b, at: v) else { return .kept }
            }
            let left = touched.filter { work[$0] != 0 }
            guard !left.isEmpty else { return .follows }
            guard left != [rhs] else { return .contradicts }
            // Divided by the common factor. The pivot is the last variable whose coefficient is
            // that factor (else the last): with variables in cell order, the cell that sums the
            // others, which keeps the basis sparse (the first would make it ten times denser).
            let g = left.reduce(0) { gcd($0, abs(work[$1])) }
            let variables = left.filter { $0 != rhs }
            let pivot = variables.filter { abs(work[$0]) == g }.max() ?? variables.max()!
            pivotRow[pivot] = rows.count
            pivots.append(pivot)
            rows.append(left.map { ($0, work[$0] / g) })
            return .kept
        }

        /// work ← (q/g)·work − (v/g)·row b, with q row b's pivot coefficient and v the work's;
        /// false on overflow.
        private mutating func reduce(by b: Int, at v: Int) -> Bool {
            let q = rows[b].first { $0.variable == pivots[b] }!.coefficient
            let g = gcd(abs(q), abs(v))
            let scale = q / g, factor = v / g
            if scale != 1 {
                for u in touched where work[u] != 0 {
                    let (p, o) = work[u].multipliedReportingOverflow(by: scale)
                    guard !o else { return false }
                    work[u] = p
                }
            }
            for (u, c) in rows[b] {
                let (p, o1) = c.multipliedReportingOverflow(by: factor)
                guard !o1, p != .min else { return false }
                let before = work[u]
                guard add(-p, to: u) else { return false }
                if before == 0 && work[u] != 0 && u != pivots[b] && pivotRow[u] >= 0 { push(pivotRow[u]) }
            }
            return true
        }

        /// work[v] += amount; false on overflow.
        private mutating func add(_ amount: Int, to v: Int) -> Bool {
            if !isTouched[v] {
                isTouched[v] = true
                touched.append(v)
            }
            let (sum, overflow) = work[v].addingReportingOverflow(amount)
            guard !overflow else { return false }
            work[v] = sum
            return true
        }

        private mutating func clear() {
            for v in touched {
                work[v] = 0
                isTouched[v] = false
            }
            touched.removeAll(keepingCapacity: true)
            heap.removeAll(keepingCapacity: true)
        }

        private mutating func push(_ b: Int) {
            heap.append(b)
            var i = heap.count - 1
            while i > 0, heap[(i - 1) / 2] > heap[i] {
                heap.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }

        private mutating func pop() -> Int? {
            guard let top = heap.first else { return nil }
            let last = heap.removeLast()
            if !heap.isEmpty {
                heap[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < heap.count && heap[l] < heap[m] { m = l }
                    if r < heap.count && heap[r] < heap[m] { m = r }
                    guard m != i else { break }
                    heap.swapAt(i, m)
                    i = m
                }
            }
            return top
        }

        private func gcd(_ a: Int, _ b: Int) -> Int {
            var (a, b) = (a, b)
            while b != 0 { (a, b) = (b, a % b) }
            return a
        }
    }
}
