/// The numerical tolerances of disclosure control, named for what they decide. GLPK solves in
/// floating point while counts are whole numbers: each comparison allows a little slack.
enum Tolerance {
    /// An attacker's bound against a threshold or a protection width, and a value against 0: an
    /// interval is narrow when it is narrower than the width by more than this.
    static let interval = 1e-9
    /// A change of a cell smaller than this, in a change that secondary suppression finds, is none.
    static let change = 1e-7
    /// Values that must agree (a relation over values read back, a cut against its program, two
    /// costs) agree to within this.
    static let agreement = 1e-6
}
