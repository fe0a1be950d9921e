/// Whether a value known since `theirs` replaces one known since `mine` under the merge rule
/// "from the earliest record that knows it": only if it is known at all and strictly earlier, so
/// that between records of one day the first one merged stays.
func replacesAsEarlier(_ theirs: ISODate?, _ mine: ISODate?) -> Bool {
    guard let theirs else { return false }
    return mine.map { theirs < $0 } ?? true
}
