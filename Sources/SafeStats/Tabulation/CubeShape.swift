/// The layout of a table's counts in one flat array: one axis per dimension, each with its
/// categories and then its total, the last dimension varying fastest.
struct CubeShape {
    let dimensions: [TableDimension]
    /// Categories + 1 (the total) per dimension.
    let sizes: [Int]
    let strides: [Int]

    init(_ dimensions: [TableDimension]) {
        self.dimensions = dimensions
        sizes = dimensions.map { $0.categories.count + 1 }
        var strides = [Int](repeating: 1, count: sizes.count)
        for k in sizes.indices.reversed().dropFirst() { strides[k] = strides[k + 1] * sizes[k + 1] }
        self.strides = strides
    }

    var count: Int { sizes.reduce(1, *) }

    /// The index along dimension `k` of the flat position `flat`; `sizes[k] − 1` is the total.
    func coordinate(_ flat: Int, _ k: Int) -> Int { (flat / strides[k]) % sizes[k] }

    func coordinates(_ flat: Int) -> [Int] { sizes.indices.map { coordinate(flat, $0) } }

    func isTotal(_ flat: Int, _ k: Int) -> Bool { coordinate(flat, k) == sizes[k] - 1 }

    /// Whether no dimension of the flat position `flat` is at its total.
    func isInner(_ flat: Int) -> Bool { !sizes.indices.contains { isTotal(flat, $0) } }
}
