/// safestats: anonymised, signed statistics on trafficking victims, cases and offenders.
public enum SafeStatsInfo {
    /// The tool's version, recorded in every output.
    public static let version = "0.1.0"
}
