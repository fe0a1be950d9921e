/// Exact values from a solver's: the smallest of a few common denominators at which every value
/// is within rounding of an integer.
enum ExactScale {
    static let scales = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 20, 24, 30, 40, 48, 60, 120, 240, 360, 720, 840, 2520]

    /// The scale and the values times it, as integers; nil if no scale makes all of them integers.
    static func integers(_ values: [Double]) -> (scale: Int, values: [Int])? {
        for scale in scales {
            let s = Double(scale)
            let scaled = values.map { ($0 * s).rounded() }
            if zip(values, scaled).allSatisfy({ abs($0 * s - $1) <= 1e-6 * s && abs($1) < 1e15 }) { return (scale, scaled.map { Int($0) }) }
        }
        return nil
    }
}
