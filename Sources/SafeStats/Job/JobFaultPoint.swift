import Foundation

/// The moments of a run at which a test may kill it (`SAFESTATS_KILL_AT=<point>` in the
/// environment, read only by `safestats run`), to show that a run killed anywhere leaves a
/// history the next run squares with what is on disk. Unset, it does nothing.
enum JobFaultPoint: String, CaseIterable {
    /// The release is written and verified in its staging directory.
    case written
    /// It is recorded in the history as pending.
    case recordedPending = "recorded-pending"
    /// It is moved into place, not yet confirmed.
    case moved

    static let variable = "SAFESTATS_KILL_AT"

    /// Kills the process with SIGKILL (no clean-up runs) when the environment names this point.
    func reach() {
        guard ProcessInfo.processInfo.environment[Self.variable] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
