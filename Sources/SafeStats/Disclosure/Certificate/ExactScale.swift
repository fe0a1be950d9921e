/// Exact values from a solver's: each value's denominator is the smallest (found by continued
/// fractions) that brings it within rounding of an integer, and the scale is their least common
/// multiple. A vertex of the audit's programs can have any denominator (17.538461… = 228/13).
enum ExactScale {
    /// The largest scale made.
    static let largest = 1_000_000

    /// The scale and the values times it, as integers; nil if no scale up to `largest` makes all
    /// of them integers.
    static func integers(_ values: [Double]) -> (scale: Int, values: [Int])? {
        var scale = 1
        for v in values where !isInteger(v, at: scale) {
            guard let q = denominator(of: v) else { return nil }
            scale = scale / gcd(scale, q) * q
            guard scale <= largest else { return nil }
        }
        let s = Double(scale)
        let scaled = values.map { ($0 * s).rounded() }
        guard zip(values, scaled).allSatisfy({ abs($0 * s - $1) <= tolerance * s && abs($1) < 1e15 }) else { return nil }
        return (scale, scaled.map { Int($0) })
    }

    /// How far from p/q a solver's value may be.
    private static let tolerance = 1e-8

    private static func isInteger(_ v: Double, at scale: Int) -> Bool {
        let s = Double(scale)
        return abs(v * s - (v * s).rounded()) <= tolerance * s
    }

    /// The denominator of the first convergent of v's continued fraction within `tolerance` of
    /// it; nil beyond `largest`.
    static func denominator(of v: Double) -> Int? {
        guard v.isFinite else { return nil }
        var x = v
        var (p0, q0, p1, q1) = (1.0, 0.0, x.rounded(.down), 1.0)  // convergents p/q
        while abs(v - p1 / q1) > tolerance {
            let fraction = x - x.rounded(.down)
            guard fraction > 0 else { break }
            x = 1 / fraction
            let a = x.rounded(.down)
            (p0, q0, p1, q1) = (p1, q1, a * p1 + p0, a * q1 + q0)
            guard q1 <= Double(largest) else { return nil }
        }
        return Int(q1)
    }
}
