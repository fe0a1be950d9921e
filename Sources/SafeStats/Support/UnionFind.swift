/// Disjoint sets over the numbers 0..<count (union–find with path compression); the root of a set
/// is its smallest member.
struct UnionFind {
    private var parent: [Int32]

    init(count: Int = 0) {
        parent = (0..<Int32(count)).map { $0 }
    }

    var count: Int { parent.count }

    mutating func reserveCapacity(_ n: Int) { parent.reserveCapacity(n) }

    /// Adds one more element, in a set of its own; returns it.
    mutating func append() -> Int32 {
        let n = Int32(parent.count)
        parent.append(n)
        return n
    }

    mutating func find(_ x: Int32) -> Int32 {
        var root = x
        while parent[Int(root)] != root { root = parent[Int(root)] }
        var x = x
        while parent[Int(x)] != root {
            let next = parent[Int(x)]
            parent[Int(x)] = root
            x = next
        }
        return root
    }

    mutating func find(_ x: Int) -> Int { Int(find(Int32(x))) }

    mutating func union(_ a: Int32, _ b: Int32) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[Int(max(ra, rb))] = min(ra, rb) }
    }

    mutating func union(_ a: Int, _ b: Int) { union(Int32(a), Int32(b)) }
}
